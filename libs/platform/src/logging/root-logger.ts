import pino, { type Logger, type LoggerOptions } from 'pino';
import { demoteFrameworkChatter } from './framework-chatter';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface RootLoggerOptions {
  level: LogLevel;
  /** The roles of this process: on every line, to tell processes apart in merged logs. */
  roles: readonly string[];
  /** Pretty, coloured lines for a person at a terminal; JSON lines otherwise. Default: stdout is a TTY. */
  pretty?: boolean;
}

/**
 * The process's one pino logger: JSON lines (ISO time, level names) for log collectors, or pino-pretty
 * when a person watches a terminal. Everything logs through it: Nest's Logger (via nestjs-pino), the
 * request lines, the job outcome lines.
 */
export function createRootLogger(options: RootLoggerOptions): Logger {
  return pino(rootLoggerOptions(options));
}

export function rootLoggerOptions(options: RootLoggerOptions): LoggerOptions {
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  const common: LoggerOptions = {
    level: options.level,
    base: { pid: process.pid, roles: options.roles.join(',') },
    hooks: { logMethod: demoteFrameworkChatter },
  };
  if (pretty) {
    return {
      ...common,
      transport: {
        target: 'pino-pretty',
        options: {
          colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,roles,context', messageFormat: '{if context}[{context}] {end}{msg}',
        },
      },
    };
  }
  return {
    ...common,
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names rather than numbers: readable, and what most collectors expect.
    formatters: { level: (label) => ({ level: label }) },
  };
}
