import { Global, Module, type DynamicModule } from '@nestjs/common';
import { HEALTH_OPTIONS, HealthController, type HealthOptions } from './health.controller';
import { SubscriptionRegistry } from './subscription-registry';

/**
 * /health and /ready, served by every role (the API on its port, workers on TRAWL_HEALTH_PORT), and
 * the registry where roles put their subscriptions for readiness and lag metrics. Needs MetricsModule.
 */
@Global()
@Module({})
export class HealthModule {
  static forRoot(options: HealthOptions): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [{ provide: HEALTH_OPTIONS, useValue: options }, SubscriptionRegistry],
      exports: [SubscriptionRegistry],
    };
  }
}
