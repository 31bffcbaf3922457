import { Logger, type INestApplication } from '@nestjs/common';

/**
 * Beyond the grace period, what closing may still take: handing back the jobs aborted at its end (the
 * job bus waits up to 5 s for them), committing offsets, leaving the consumer group, flushing the
 * subscriptions' checkpoints and closing the stores.
 */
export const SHUTDOWN_MARGIN_MS = 15_000;

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * SIGTERM or SIGINT shuts the process down in order: Nest closes the HTTP server, then calls every
 * role's shutdown hook (job consumers stop taking jobs and finish or hand back the ones they hold
 * within `graceMs`; subscriptions stop and flush their checkpoints), and last the infrastructure's
 * (it is a global module, so Nest shuts it down after the roles). The process then exits with 0.
 *
 * `useProcessExit`: by default Nest re-sends the signal to the process after its hooks, which kills
 * it with that signal (exit status 143, or no exit at all as PID 1 in a container, where a signal
 * without a handler is ignored). A dependency that hangs on close must not keep the process alive
 * until the orchestrator's SIGKILL: past `graceMs + SHUTDOWN_MARGIN_MS` it exits with 1.
 */
export function enableGracefulShutdown(app: INestApplication, graceMs: number): void {
  app.enableShutdownHooks([], { useProcessExit: true });
  const onSignal = (signal: string) => {
    new Logger('trawl').log(`${signal}: shutting down (grace ${graceMs} ms)`);
    armShutdownDeadline(graceMs);
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
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
