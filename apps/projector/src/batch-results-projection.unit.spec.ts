import type { RecordedEvent } from '@trawl/event-store';
import { batchTaskId, taskStreamName, type TaskEvent } from '@trawl/domain';
import { SqliteReadModelStore, type ReadModelStore, type TaskView } from '@trawl/read-models';
import { resultRowChanged } from './batch-results-projection';
import { applyToReadModels } from './task-projection';
import { TaskMemory } from './task-memo';

const at = '2026-01-02T03:04:05.000Z';
const batchId = 'b1';
const [t1, t2, t3, t4] = ['a', 'b', 'c', 'd'].map((name) => batchTaskId(batchId, `http://127.0.0.1/${name}`));
const requested = (taskId: string, batch: string | null = batchId): TaskEvent => ({ type: 'TaskRequested', data: { taskId, url: `http://127.0.0.1/${taskId}`, collect: ['text', 'images'], requestedAt: at, respectRobots: true, ...(batch ? { batchId: batch } : {}) } });
const page = (taskId: string): TaskEvent => ({
  type: 'PageFetched',
  data: { taskId, finalUrl: 'x', httpStatus: 200, contentType: 'text/html', charset: 'utf-8', bytes: 1, title: null, text: { sha256: 'c'.repeat(64), bytes: 10 }, imagesFound: 3, imagesTruncated: false, fetchedAt: at },
});
const discovered = (taskId: string): TaskEvent => ({ type: 'ImagesDiscovered', data: { taskId, images: ['i1', 'i2', 'i3'].map((imageId, ordinal) => ({ imageId, url: `http://127.0.0.1/${imageId}.png`, ordinal: 2 - ordinal })) } });
const stored = (taskId: string, imageId: string, perceptualHash?: string): TaskEvent => ({
  type: 'ImageStored',
  data: { taskId, imageId, sourceUrl: `http://127.0.0.1/${imageId}.png`, sha256: imageId.padEnd(64, 'a'), contentType: 'image/png', format: 'png', width: 1, height: 1, bytes: 5, storedAt: at, ...(perceptualHash ? { perceptualHash } : {}) },
});
const failed = (taskId: string, imageId: string): TaskEvent => ({ type: 'ImageFailed', data: { taskId, imageId, sourceUrl: `http://127.0.0.1/${imageId}.png`, error: { code: 'http-status', message: 'HTTP 404' }, failedAt: at } });
const steps: Array<[string, TaskEvent]> = [
  [t1, requested(t1)], [t2, requested(t2)], [t3, requested(t3)], [t4, requested(t4, null)],
  [t1, page(t1)], [t1, discovered(t1)], [t1, stored(t1, 'i1', 'f0f0f0f0f0f0f0f0')], [t4, page(t4)],
  [t1, failed(t1, 'i2')], [t1, stored(t1, 'i2')], // a later outcome of i2: its first (failed) stays
  [t2, { type: 'TaskFailed', data: { taskId: t2, error: { code: 'http-status', message: 'HTTP 404' }, failedAt: at } }],
  [t1, stored(t1, 'i3')],
  [t1, { type: 'TaskCompleted', data: { taskId: t1, imagesStored: 2, imagesFailed: 1, completedAt: at } }],
  [t4, { type: 'TaskCompleted', data: { taskId: t4, imagesStored: 0, imagesFailed: 0, completedAt: at } }],
  [t3, { type: 'TaskStarted', data: { taskId: t3, startedAt: at } }],
];

function record(all: Array<[string, TaskEvent]>): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return all.map(([taskId, event], i) => {
    const streamName = taskStreamName(taskId);
    const revision = revisions.get(streamName) ?? 0;
    revisions.set(streamName, revision + 1);
    return { id: `e${i}`, type: event.type, data: event.data, metadata: {}, streamName, revision: BigInt(revision), position: String(i + 1), recordedAt: new Date(Date.parse(at) + i) };
  });
}

async function projected(size: number, memory?: TaskMemory): Promise<{ store: ReadModelStore; results: Awaited<ReturnType<ReadModelStore['listBatchResults']>> }> {
  const store = new SqliteReadModelStore(':memory:');
  const log = record(steps);
  for (let start = 0; start < log.length; start += size) await applyToReadModels(store, log.slice(start, start + size), memory);
  return { store, results: await store.listBatchResults(batchId, [t1, t2, t3, t4]) };
}

describe('batch results projection', () => {
  it('writes the final tasks of a batch with their stored images (first outcomes, discovery order), the same whatever the event batches', async () => {
    const { results } = await projected(100);
    expect([...results.rows.values()].sort((a, b) => a.taskId.localeCompare(b.taskId))).toEqual(
      [
        { batchId, taskId: t1, status: 'completed', hasText: true, imagesStored: 2, revision: 7 },
        { batchId, taskId: t2, status: 'failed', hasText: false, imagesStored: 0, revision: 1 },
      ].sort((a, b) => a.taskId.localeCompare(b.taskId)),
    );
    expect(results.images.get(t1)).toEqual([
      { batchId, taskId: t1, id: 'i3', ordinal: 0, sourceUrl: 'http://127.0.0.1/i3.png', sha256: 'i3'.padEnd(64, 'a') },
      { batchId, taskId: t1, id: 'i1', ordinal: 2, sourceUrl: 'http://127.0.0.1/i1.png', sha256: 'i1'.padEnd(64, 'a'), perceptualHash: 'f0f0f0f0f0f0f0f0' },
    ]);
    // t3 is running (no row yet), t4 belongs to no batch.
    expect(results.rows.has(t3) || results.rows.has(t4)).toBe(false);
    for (const size of [1, 2, 5]) {
      expect(await projected(size)).toMatchObject({ results });
      expect(await projected(size, new TaskMemory())).toMatchObject({ results });
    }
  });

  it('gives the same rows when the log is applied again (a replay after a crash)', async () => {
    const { store, results } = await projected(3);
    await applyToReadModels(store, record(steps));
    expect(await store.listBatchResults(batchId, [t1, t2, t3, t4])).toEqual(results);
  });

  it("rewrites a task's row only when its result changes: final, expired, text added or dropped, or live again", () => {
    const view = (overrides: Partial<TaskView>): TaskView => ({
      id: t1, url: 'u', collect: ['text'], batchId, status: 'completed', progress: { imagesFound: 0, imagesStored: 0, imagesFailed: 0 }, error: null, page: null,
      text: { sha256: 'c'.repeat(64), bytes: 1 }, createdAt: at, updatedAt: at, revision: 3, ...overrides,
    });
    expect(resultRowChanged(null, view({}))).toBe(true);
    expect(resultRowChanged(view({ status: 'running' }), view({}))).toBe(true);
    expect(resultRowChanged(view({ status: 'running' }), view({ status: 'running', revision: 4 }))).toBe(false);
    expect(resultRowChanged(view({}), view({ revision: 4, extraction: { mode: 'main', format: 'text', extractor: 'x', version: 2 } }))).toBe(false);
    expect(resultRowChanged(view({}), view({ revision: 4, text: null }))).toBe(true);
    expect(resultRowChanged(view({}), view({ status: 'expired', revision: 4 }))).toBe(true);
    expect(resultRowChanged(view({ status: 'failed' }), view({ status: 'queued', revision: 4 }))).toBe(true);
  });
});
