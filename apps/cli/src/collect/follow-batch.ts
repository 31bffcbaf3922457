import { setTimeout as delay } from 'node:timers/promises';
import { progressFigures } from './progress-figures';
import type { ProgressView } from './progress-view';
import type { BatchProgress, TrawlApi } from './trawl-api';

export const POLL_MS = 500;
const FINAL = new Set(['completed', 'cancelled']);

/** Polls the batch until it ends (or `signal` aborts), feeding the view; resolves with its last state. */
export async function followBatch(api: TrawlApi, batchId: string, view: ProgressView, signal: AbortSignal, pollMs = POLL_MS): Promise<BatchProgress | null> {
  const started = Date.now();
  let doneAtStart: number | null = null;
  for (;;) {
    const batch = await api.getBatch(batchId);
    const figures = progressFigures(batch, Date.now() - started, doneAtStart ?? undefined);
    doneAtStart ??= figures.done;
    view.update(figures);
    if (FINAL.has(batch.status)) return batch;
    try {
      await delay(pollMs, undefined, { signal });
    } catch {
      return null;
    }
  }
}
