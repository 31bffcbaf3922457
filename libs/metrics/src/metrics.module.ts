import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { TrawlMetrics } from './trawl-metrics';

/** Serves GET /metrics and makes the process's TrawlMetrics injectable (by its class) everywhere. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(metrics: TrawlMetrics): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: TrawlMetrics, useValue: metrics }],
      exports: [TrawlMetrics],
    };
  }
}
