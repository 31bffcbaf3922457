import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';

/**
 * nestjs-pino on the process's root logger. Request lines come from the requestLogging middleware
 * that startRoles mounts on Express first (`useExisting`), so nestjs-pino only binds each request's
 * logger (`request.log`) for Nest's Logger calls made while handling it.
 */
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return { module: LoggingModule, imports: [LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true })] };
  }
}
