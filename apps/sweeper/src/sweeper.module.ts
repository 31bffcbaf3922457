import { Module } from '@nestjs/common';
import { SweeperService } from './sweeper.service';

/** The sweeper role (retention, ADR 0009): expires what has passed and removes its unshared blobs. */
@Module({ providers: [SweeperService] })
export class SweeperModule {}
