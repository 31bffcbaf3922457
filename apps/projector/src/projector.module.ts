import { Module } from '@nestjs/common';
import { ProjectorService } from './projector.service';

/** The projector role: event store -> read models. */
@Module({ providers: [ProjectorService] })
export class ProjectorModule {}
