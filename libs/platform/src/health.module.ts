import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** /health and /ready, served by every role (the API on its port, workers on TRAWL_HEALTH_PORT). */
@Module({ controllers: [HealthController] })
export class HealthModule {}
