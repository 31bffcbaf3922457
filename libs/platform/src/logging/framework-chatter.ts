import type { LogFn, Logger } from 'pino';

/**
 * Nest's own start-up lines: a "dependencies initialized" per module, one per controller and one per
 * route mapped, "Starting Nest application…" (about 40 lines at info on each start). They say nothing
 * a person starting trawl needs; at debug they are still there for whoever looks for them.
 */
export const FRAMEWORK_CHATTER_CONTEXTS: ReadonlySet<string> = new Set([
  'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication',
]);

const INFO = 30;

/** Whether a call's arguments are one of those lines (nestjs-pino passes `{ context }` first). */
export function isFrameworkChatter(args: readonly unknown[]): boolean {
  const first = args[0];
  if (!first || typeof first !== 'object') return false;
  const context = (first as { context?: unknown }).context;
  return typeof context === 'string' && FRAMEWORK_CHATTER_CONTEXTS.has(context);
}

/** pino's `hooks.logMethod`: sends Nest's start-up lines at info to debug instead. */
export function demoteFrameworkChatter(this: Logger, args: Parameters<LogFn>, method: LogFn, level: number): void {
  if (level === INFO && isFrameworkChatter(args)) {
    this.debug(...args);
    return;
  }
  method.apply(this, args);
}
