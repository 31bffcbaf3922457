export { TrawlMetrics, type FetchKind, type Sampler } from './trawl-metrics';
export { MetricsModule } from './metrics.module';
export { httpMetricsMiddleware } from './http-metrics.middleware';
export { routePattern, UNMATCHED_ROUTE } from './route-pattern';
