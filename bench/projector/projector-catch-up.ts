import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { freePort } from '../../test/support/infra/free-port';
import { startTrawlProcess } from '../../test/support/trawl-process';

/** Lag is counted up to this; the readiness bound is set above it so that /ready always reports the lag. */
const LAG_LIMIT = 1_000_000;

export interface CatchUp {
  events: number;
  seconds: number;
  caughtUp: boolean;
}

/** The projector subscription's lag, from the /ready body of a projector process. */
async function lagOf(baseUrl: string): Promise<number | undefined> {
  const response = await fetch(`${baseUrl}/ready`).catch(() => undefined);
  if (!response) return undefined;
  const report = (await response.json()) as { checks: Record<string, { lagEvents?: number }> };
  const subscription = Object.entries(report.checks).find(([name]) => name.startsWith('subscription:'));
  return subscription?.[1].lagEvents;
}

/**
 * Starts a projector process on an event store holding `events` events (none projected yet) and times it
 * from its spawn (its start-up included: it may catch up before it answers at all) until its lag is 0, or
 * until `capMs`: then the rate is over the events it did project.
 */
export async function timeProjectorCatchUp(env: Record<string, string>, events: number, capMs: number): Promise<CatchUp> {
  const spawnedAt = performance.now();
  const projector = await startTrawlProcess({
    name: `projector-${Date.now()}`, entry: 'projector', env: { ...env, TRAWL_READY_MAX_LAG_EVENTS: String(LAG_LIMIT) },
    port: await freePort(), logDir: join(env.TRAWL_DATA_DIR, 'logs'),
  });
  try {
    let last: { lag: number; at: number } | undefined;
    const deadline = spawnedAt + capMs;
    while (performance.now() < deadline) {
      const lag = await lagOf(projector.baseUrl);
      if (lag !== undefined) last = { lag, at: performance.now() };
      if (lag === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!last) throw new Error(`the projector reported no lag within ${capMs} ms; see ${projector.logFile}`);
    return { events: events - last.lag, seconds: (last.at - spawnedAt) / 1000, caughtUp: last.lag === 0 };
  } finally {
    await projector.stop();
  }
}
