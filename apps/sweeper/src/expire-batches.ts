import type { EventStore } from '@trawl/event-store';
import { WrongExpectedRevisionError } from '@trawl/errors';
import { BatchStreams, batchStreamName, retentionSteps, type BatchEvent } from '@trawl/domain';
import type { BatchView, ReadModelStore, TaskStatus } from '@trawl/read-models';

const LIVE: readonly TaskStatus[] = ['queued', 'running', 'completed', 'failed', 'cancelled'];

/** A finished batch expires once every one of its tasks has (ADR 0009). Pure. */
export function decideBatchExpiry(batch: BatchView, liveTasks: number, now: Date): { expired: false } | { expired: true; reason: 'expires-at' | 'retention' } {
  const finished = batch.status === 'completed' || batch.status === 'cancelled';
  if (!finished || liveTasks > 0) return { expired: false };
  const byDate = batch.options.expiresAt !== undefined && Date.parse(batch.options.expiresAt) <= now.getTime();
  return { expired: true, reason: byDate ? 'expires-at' : 'retention' };
}

/**
 * Pass 3 of a sweep: BatchExpired on each given batch whose tasks are all expired, at the batch
 * stream's revision (two sweepers never both append it). The batches come from the tasks the sweep
 * touched, so a batch is looked at when its last task goes.
 */
export async function expireFinishedBatches(eventStore: EventStore, readModels: ReadModelStore, batchIds: Iterable<string>, now: Date): Promise<string[]> {
  const expired: string[] = [];
  const streams = new BatchStreams(eventStore);
  for (const batchId of new Set(batchIds)) {
    const batch = await readModels.getBatch(batchId);
    if (!batch || batch.status === 'expired') continue;
    const decision = decideBatchExpiry(batch, await liveTaskCount(readModels, batchId), now);
    if (!decision.expired) continue;
    const last = (await eventStore.readStream(batchStreamName(batchId), { direction: 'backwards', maxCount: 1 }))[0];
    if (!last) continue;
    const event: BatchEvent = { type: 'BatchExpired', data: { batchId, reason: decision.reason, expiredAt: now.toISOString() } };
    try {
      await streams.append(batchId, [{ step: retentionSteps.expired, event }], { expectedRevision: last.revision });
      expired.push(batchId);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
  return expired;
}

/** Whether any task of the batch is not expired (one row per status is enough to know). */
async function liveTaskCount(readModels: ReadModelStore, batchId: string): Promise<number> {
  let live = 0;
  for (const status of LIVE) live += (await readModels.listBatchTasks(batchId, { status, limit: 1 })).items.length;
  return live;
}
