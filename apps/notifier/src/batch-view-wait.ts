import { setTimeout as delay } from 'node:timers/promises';
import type { BatchView, ReadModelStore } from '@trawl/read-models';

const POLL_MS = 100;

/**
 * The batch's view once the projector shows it final, for the image counts of its final webhook: the
 * notifier may see BatchCompleted before the projector (another process) has applied it. Null when the
 * view is not final within `timeoutMs` (the webhook then carries the stream's task counts only) or the
 * wait is aborted (shutdown). A read model that errors counts as not there yet.
 */
export async function finalBatchView(readModels: Pick<ReadModelStore, 'getBatch'>, batchId: string, timeoutMs: number, signal?: AbortSignal): Promise<BatchView | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await readModels.getBatch(batchId).catch(() => null);
    if (view && (view.status === 'completed' || view.status === 'cancelled')) return view;
    if (Date.now() >= deadline || signal?.aborted) return null;
    await delay(Math.min(POLL_MS, Math.max(0, deadline - Date.now())), undefined, { signal }).catch(() => undefined);
  }
}
