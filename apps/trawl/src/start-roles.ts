import 'reflect-metadata';
import { Logger, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, type TrawlConfig } from '@trawl/config';
import { HealthModule, InfrastructureModule, createInfrastructure } from '@trawl/platform';
import { ApiModule } from '../../api/src/api.module';
import { configureHttp } from '../../api/src/http/configure-http';
import { FetcherModule } from '../../fetcher/src/fetcher.module';
import { ProjectorModule } from '../../projector/src/projector.module';
import { RelayModule } from '../../relay/src/relay.module';

export const ROLES = ['api', 'relay', 'fetcher', 'projector'] as const;
export type Role = (typeof ROLES)[number];

const roleModules: Record<Role, Type> = { api: ApiModule, relay: RelayModule, fetcher: FetcherModule, projector: ProjectorModule };

export function parseRoles(value: string): Role[] {
  const roles = value.split(',').map((role) => role.trim()).filter(Boolean);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length || roles.length === 0) throw new Error(`TRAWL_ROLES: unknown role(s) ${unknown.join(', ') || '(none)'}; use ${ROLES.join(',')}`);
  return roles as Role[];
}

/**
 * Starts the given roles in this process with the adapters the configuration selects. Every entry
 * point (one role per process, or all of them) goes through here, so the modes share one code path.
 * The API listens on PORT; a process without the API serves /health and /ready on TRAWL_HEALTH_PORT.
 */
export async function startRoles(roles: Role[], config: TrawlConfig = loadConfig()): Promise<INestApplication> {
  const infrastructure = await createInfrastructure(config);
  const { env } = config;
  const modules = [InfrastructureModule.forRoot(config, infrastructure), HealthModule, ...roles.map((role) => roleModules[role])];
  const app = await NestFactory.create({ module: class TrawlRoot {}, imports: modules }, {
    bodyParser: false,
    logger: env.TRAWL_LOG_LEVEL === 'silent' ? false : ['log', 'warn', 'error', 'fatal'],
  });
  app.enableShutdownHooks();
  if (roles.includes('api')) {
    configureHttp(app);
    await app.listen(env.PORT, env.HOST);
  } else if (env.TRAWL_HEALTH_PORT !== undefined) {
    await app.listen(env.TRAWL_HEALTH_PORT, env.HOST);
  } else {
    await app.init();
  }
  const address = app.getHttpServer().address?.();
  const where = address && typeof address === 'object' ? `http://${address.address}:${address.port}` : null;
  new Logger('trawl').log(`roles ${roles.join(', ')} started${where ? ` on ${where}` : ''}; data in ${config.dataDir}`);
  return app;
}
