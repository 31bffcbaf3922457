import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { TrawlConfig } from '@trawl/config';
import { MetricsModule, TrawlMetrics, httpMetricsMiddleware } from '@trawl/metrics';
import { HealthModule, LoggingModule, createRootLogger, requestLogging, type PortName } from '@trawl/platform';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { Role } from './start-roles';

/** The ports each role uses: /ready checks these and only these. */
export const ROLE_DEPENDENCIES: Record<Role, readonly PortName[]> = {
  api: ['eventStore', 'readModels', 'blobStore'],
  relay: ['eventStore', 'jobBus', 'readModels'],
  fetcher: ['eventStore', 'jobBus', 'blobStore'],
  projector: ['eventStore', 'readModels'],
  // The read models hold its checkpoint.
  notifier: ['eventStore', 'readModels'],
  // Reads tasks from the read models and blobs, writes export files, announces on the datasets topic.
  exporter: ['eventStore', 'readModels', 'blobStore', 'jobBus'],
  // Finds expired tasks in the read models, appends their expiry, and deletes their unshared blobs.
  sweeper: ['eventStore', 'readModels', 'blobStore'],
};

export function dependenciesOf(roles: readonly Role[]): PortName[] {
  return [...new Set(roles.flatMap((role) => ROLE_DEPENDENCIES[role]))];
}

/** Logs, metrics and health of one process: made before the app, so the adapters can be timed too. */
export interface Observability {
  metrics: TrawlMetrics;
  logger: Logger;
  modules: DynamicModule[];
}

export function createObservability(config: TrawlConfig, roles: readonly Role[]): Observability {
  const metrics = new TrawlMetrics();
  const logger = createRootLogger({ level: config.env.TRAWL_LOG_LEVEL, roles });
  const health = HealthModule.forRoot({ dependencies: dependenciesOf(roles), maxLagEvents: config.env.TRAWL_READY_MAX_LAG_EVENTS });
  return { metrics, logger, modules: [LoggingModule.forRoot(logger), MetricsModule.forRoot(metrics), health] };
}

/**
 * Makes pino the app's logger (Nest's Logger calls included) and mounts the request log line and
 * request timing on Express before any other middleware, so that every response is logged and timed.
 * Call right after NestFactory.create (with `bufferLogs: true`).
 */
export function installObservability(app: INestApplication, observability: Observability): void {
  app.useLogger(app.get(PinoNestLogger));
  app.use(requestLogging(observability.logger), httpMetricsMiddleware(observability.metrics));
}
