import 'reflect-metadata';
import { Logger, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, type TrawlConfig } from '@trawl/config';
import { InfrastructureModule, createInfrastructure } from '@trawl/platform';
import { ProblemFilter } from '../../api/src/http/problem.filter';
// Types only (erased): the modules themselves are required when their role starts (see roleModules).
import type * as ApiModuleFile from '../../api/src/api.module';
import type * as ConfigureHttpFile from '../../api/src/http/configure-http';
import type * as ExporterModuleFile from '../../exporter/src/exporter.module';
import type * as FetcherModuleFile from '../../fetcher/src/fetcher.module';
import type * as NotifierModuleFile from '../../notifier/src/notifier.module';
import type * as ProjectorModuleFile from '../../projector/src/projector.module';
import type * as RelayModuleFile from '../../relay/src/relay.module';
import type * as SweeperModuleFile from '../../sweeper/src/sweeper.module';
import { enableGracefulShutdown } from './graceful-shutdown';
import { createObservability, installObservability } from './observability';

export const ROLES = ['api', 'relay', 'fetcher', 'projector', 'notifier', 'exporter', 'sweeper'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Each role's module, loaded when a process runs that role: a one-role process (a projector, a
 * fetcher) then skips the module graph of the others, which took seconds of its start-up (the API's
 * alone pulls in imaging, scraping and language detection).
 */
const roleModules: Record<Role, () => Type> = {
  api: () => (require('../../api/src/api.module') as typeof ApiModuleFile).ApiModule,
  relay: () => (require('../../relay/src/relay.module') as typeof RelayModuleFile).RelayModule,
  fetcher: () => (require('../../fetcher/src/fetcher.module') as typeof FetcherModuleFile).FetcherModule,
  projector: () => (require('../../projector/src/projector.module') as typeof ProjectorModuleFile).ProjectorModule,
  notifier: () => (require('../../notifier/src/notifier.module') as typeof NotifierModuleFile).NotifierModule,
  exporter: () => (require('../../exporter/src/exporter.module') as typeof ExporterModuleFile).ExporterModule,
  sweeper: () => (require('../../sweeper/src/sweeper.module') as typeof SweeperModuleFile).SweeperModule,
};

export function parseRoles(value: string): Role[] {
  const roles = value.split(',').map((role) => role.trim()).filter(Boolean);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length || roles.length === 0) throw new Error(`TRAWL_ROLES: unknown role(s) ${unknown.join(', ') || '(none)'}; use ${ROLES.join(',')}`);
  return roles as Role[];
}

/**
 * Starts the given roles in this process with the adapters the configuration selects. Every entry
 * point (one role per process, or all of them) goes through here, so the modes share one code path.
 * The API listens on PORT; a process without the API serves /health, /ready and /metrics on TRAWL_HEALTH_PORT.
 */
export async function startRoles(roles: Role[], config: TrawlConfig = loadConfig()): Promise<INestApplication> {
  const observability = createObservability(config, roles);
  const infrastructure = await createInfrastructure(config, { metrics: observability.metrics });
  const { env } = config;
  const modules = [InfrastructureModule.forRoot(config, infrastructure), ...observability.modules, ...roles.map((role) => roleModules[role]())];
  // Logs made while the app is built wait for pino (installObservability) instead of going to the console.
  const app = await NestFactory.create({ module: class TrawlRoot {}, imports: modules }, { bodyParser: false, bufferLogs: true });
  installObservability(app, observability);
  enableGracefulShutdown(app, env.TRAWL_SHUTDOWN_GRACE_MS);
  if (roles.includes('api')) {
    (require('../../api/src/http/configure-http') as typeof ConfigureHttpFile).configureHttp(app, observability);
    await app.listen(env.PORT, env.HOST);
  } else if (env.TRAWL_HEALTH_PORT !== undefined) {
    // The API module registers the problem filter for its process; without it, an unknown route here
    // would get Nest's own 404 body instead of the problem+json every trawl endpoint answers with.
    app.useGlobalFilters(new ProblemFilter());
    app.getHttpAdapter().getInstance().disable('x-powered-by');
    await app.listen(env.TRAWL_HEALTH_PORT, env.HOST);
  } else {
    await app.init();
  }
  const address = app.getHttpServer().address?.();
  const where = address && typeof address === 'object' ? `http://${address.address}:${address.port}` : null;
  new Logger('trawl').log(`roles ${roles.join(', ')} started${where ? ` on ${where}` : ''}; data in ${config.dataDir}`);
  return app;
}
