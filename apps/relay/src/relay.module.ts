import { Module } from '@nestjs/common';
import { RelayService } from './relay.service';

/** The relay role: event store -> job bus and integration events. */
@Module({ providers: [RelayService] })
export class RelayModule {}
