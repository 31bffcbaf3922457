import { Logger, type INestApplication } from '@nestjs/common';
import { watchParent } from './parent-watch';

/**
 * Beyond the grace period, what closing may still take: handing back the jobs aborted at its end (the
 * job bus waits up to 5 s for them), committing offsets, leaving the consumer group, flushing the
 * subscriptions' checkpoints and closing the stores.
 */
export const SHUTDOWN_MARGIN_MS = 15_000;

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * SIGTERM or SIGINT shuts the process down in order: `app.close()` calls every role's destroy and
 * shutdown hooks (job consumers stop taking jobs and finish or hand back the ones they hold within
 * `graceMs`; subscriptions stop and flush their checkpoints), closes the HTTP server, and last the
 * infrastructure's hooks (a global module, so Nest shuts it down after the roles). Then "stopped" is
 * logged and the process exits with 0.
 *
 * The signals are handled here rather than by Nest's `enableShutdownHooks`, so that the last line can
 * say the process stopped: Nest exits right after its hooks, and a line logged on 'exit' would come
 * after pino's own exit flush and be lost. A second signal while closing is ignored (the deadline
 * below still bounds the wait). A dependency that hangs on close must not keep the process alive until
 * the orchestrator's SIGKILL: past `graceMs + SHUTDOWN_MARGIN_MS` it exits with 1.
 *
 * Started by `npm start`, the process also stops when npm goes away (see parent-watch.ts).
 */
export function enableGracefulShutdown(app: INestApplication, graceMs: number): void {
  const logger = new Logger('trawl');
  let closing = false;
  const shutDown = (reason: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${reason}: shutting down (grace ${graceMs} ms)`);
    armShutdownDeadline(graceMs);
    const started = Date.now();
    app.close().then(
      () => {
        logger.log(`stopped (in ${Date.now() - started} ms)`);
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, () => shutDown(signal));
  if (startedByNpm(process.env)) watchParent(() => shutDown('npm, the parent process, exited'));
}

/** npm sets npm_lifecycle_event for the scripts it runs (`start`, `trawl`, …). */
export function startedByNpm(env: NodeJS.ProcessEnv): boolean {
  return typeof env.npm_lifecycle_event === 'string' && env.npm_lifecycle_event !== '';
}

/**
 * Exits with 1 once `graceMs + SHUTDOWN_MARGIN_MS` have passed. The timer does not keep the process alive:
 * a shutdown that finishes in time exits on its own, before it fires.
 */
export function armShutdownDeadline(graceMs: number, exit: (code: number) => void = (code) => process.exit(code)): NodeJS.Timeout {
  const limitMs = graceMs + SHUTDOWN_MARGIN_MS;
  const timer = setTimeout(() => {
    process.stderr.write(`trawl: shutdown did not finish within ${limitMs} ms; exiting\n`);
    exit(1);
  }, limitMs);
  timer.unref();
  return timer;
}
