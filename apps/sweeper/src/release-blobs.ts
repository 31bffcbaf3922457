import { setTimeout as delay } from 'node:timers/promises';
import type { BlobStore } from '@trawl/blob-store';
import type { EventStore } from '@trawl/event-store';
import { WrongExpectedRevisionError } from '@trawl/errors';
import { blobsLinkedAgain, blobsOfTask, decideBlobRemoval, retentionSteps, taskExpiryFacts, taskStreamName, uploadIdFor, uploadStreamName, type TaskEvent } from '@trawl/domain';
import type { ReadModelStore } from '@trawl/read-models';
import { TaskStreams } from '@trawl/tasks';
import { PROJECTOR_SUBSCRIPTION } from '../../projector/src/projector.service';
import { BlobSpool } from './blob-spool';
import { historyOf } from './expire-tasks';
import { collect, linksSince } from './linked-since';

export interface ReleaseDeps {
  eventStore: EventStore;
  readModels: ReadModelStore;
  blobs: BlobStore;
  /** How long after the deletes the log is read again for tasks that linked the blobs meanwhile. */
  recheckMs: number;
  /** Where the copies of deleted blobs wait for the re-check (under the data dir, so a crash leaves them). */
  spoolRoot: string;
}

interface Tombstone {
  taskId: string;
  revision: bigint;
  blobs: string[];
}

/**
 * Pass 2 of a sweep (ADR 0009): the blobs of expired tasks (tombstones the projector has written)
 * that no live task and no upload references are deleted, then the log since the reference check is
 * read again after `recheckMs`, and a blob that a task linked in between is written back from a copy
 * kept for that. TaskBlobsReleased records the counts, at the task's revision (once, ever).
 * Returns the batches of the tasks released.
 */
export async function releaseExpiredBlobs(deps: ReleaseDeps, now: () => Date, limit: number): Promise<Set<string>> {
  const views = await deps.readModels.listUnreleasedTombstones(limit);
  if (views.length === 0) return new Set();
  // Read first: every event up to it is counted in the blob references; the re-check reads after it.
  const checkpoint = await deps.readModels.getCheckpoint(PROJECTOR_SUBSCRIPTION);
  const tombstones = (await Promise.all(views.map((view) => loadTombstone(deps.eventStore, view.id)))).filter((t): t is Tombstone => t !== null);
  const taskIds = tombstones.map((tombstone) => tombstone.taskId);
  const candidates = [...new Set(tombstones.flatMap((tombstone) => tombstone.blobs))];
  const referenced = await deps.readModels.referencedBlobs(candidates, taskIds);
  const uploaded = await uploadsAmong(deps.eventStore, candidates);
  const { remove } = decideBlobRemoval(candidates, referenced, uploaded);

  let restored = new Set<string>();
  if (remove.length > 0) {
    const spool = await BlobSpool.create(deps.spoolRoot, { checkpoint, taskIds });
    for (const sha256 of remove) if (await spool.keep(deps.blobs, sha256)) await deps.blobs.delete(sha256);
    await delay(deps.recheckMs);
    restored = await restoreLinked(deps, spool, new Set(remove));
    // Kept when the re-check failed: the next sweep's recoverLeftoverSpools re-checks from it.
    await spool.dispose();
  }

  const streams = new TaskStreams(deps.eventStore);
  const removed = new Set(remove);
  for (const { taskId, revision, blobs } of tombstones) {
    const counts = { removed: 0, kept: 0, restored: 0 };
    for (const sha256 of blobs) counts[restored.has(sha256) ? 'restored' : removed.has(sha256) ? 'removed' : 'kept'] += 1;
    const event: TaskEvent = { type: 'TaskBlobsReleased', data: { taskId, ...counts, releasedAt: now().toISOString() } };
    await streams.append(taskId, [{ step: retentionSteps.blobsReleased, event }], { expectedRevision: revision }).catch((error: unknown) => {
      if (!(error instanceof WrongExpectedRevisionError)) throw error; // another sweeper recorded it
    });
  }
  return new Set(views.flatMap((view) => (view.batchId ? [view.batchId] : [])));
}

/**
 * The re-check of a sweep that crashed between its deletes and its re-check: its spool is still on
 * disk, so the log since its checkpoint is read now and what a task linked is written back. Runs first
 * in each sweep; a spool younger than `minAgeMs` may be another process's sweep in progress.
 */
export async function recoverLeftoverSpools(deps: ReleaseDeps, minAgeMs: number): Promise<number> {
  let restored = 0;
  for (const spool of await BlobSpool.leftovers(deps.spoolRoot, minAgeMs)) {
    restored += (await restoreLinked(deps, spool, new Set(spool.blobs))).size;
    await spool.dispose();
  }
  return restored;
}

/** Deleted blobs that a live task (or an upload) linked since the spool's checkpoint, written back. */
async function restoreLinked(deps: ReleaseDeps, spool: BlobSpool, removed: Set<string>): Promise<Set<string>> {
  const linked = blobsLinkedAgain(removed, await collect(linksSince(deps.eventStore, spool.manifest.checkpoint)), new Set(spool.manifest.taskIds));
  const restored = new Set<string>();
  for (const sha256 of linked) if (await spool.restore(deps.blobs, sha256)) restored.add(sha256);
  return restored;
}

async function loadTombstone(eventStore: EventStore, taskId: string): Promise<Tombstone | null> {
  const recorded = await eventStore.readStream(taskStreamName(taskId));
  const history = historyOf(recorded);
  const facts = taskExpiryFacts(history);
  if (!facts.expired || facts.released) return null;
  return { taskId, revision: recorded.at(-1)!.revision, blobs: blobsOfTask(history.map((entry) => entry.event)) };
}

/** The blobs that are uploads of their own (POST /api/v1/images): retention never removes those. */
async function uploadsAmong(eventStore: EventStore, sha256s: readonly string[]): Promise<Set<string>> {
  const uploads = new Set<string>();
  for (const sha256 of sha256s) {
    if ((await eventStore.readStream(uploadStreamName(uploadIdFor(sha256)), { maxCount: 1 })).length > 0) uploads.add(sha256);
  }
  return uploads;
}
