import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { taskStreamName, type TaskEvent } from '@trawl/domain';
import { createEventStore, type EventStore } from '@trawl/event-store';
import { SqliteReadModelStore, type ReadModelStore } from '@trawl/read-models';
import { PROJECTOR_SUBSCRIPTION } from './projector-subscription';
import { rebuildReadModels } from './rebuild-read-models';
import { applyToReadModels } from './task-projection';

const at = '2026-01-02T03:04:05.000Z';
const TASKS = 330; // 3 to 13 events each, 2,800 in all: more than a page of the rebuild, tasks split across pages

/** One task's stream: completed (with a failed image), failed, cancelled halfway, or completed then expired. */
function taskEvents(taskId: string, kind: number): TaskEvent[] {
  const images = Array.from({ length: 6 }, (_, n) => ({ imageId: `${taskId}-i${n}`, url: `http://127.0.0.1/${taskId}/${n}.png`, ordinal: n }));
  const stored = images.slice(0, 5).map(({ imageId, url }): TaskEvent => ({
    type: 'ImageStored',
    data: { taskId, imageId, sourceUrl: url, sha256: `${imageId.length % 10}`.repeat(64), contentType: 'image/png', format: 'png', width: 2, height: 3, bytes: 40, storedAt: at },
  }));
  const failed: TaskEvent = { type: 'ImageFailed', data: { taskId, imageId: images[5].imageId, sourceUrl: images[5].url, error: { code: 'http-status', message: 'HTTP 404' }, failedAt: at } };
  const start: TaskEvent[] = [
    { type: 'TaskRequested', data: { taskId, url: `http://127.0.0.1/${taskId}`, collect: ['text', 'images'], requestedAt: at, respectRobots: false } },
    { type: 'TaskStarted', data: { taskId, startedAt: at } },
  ];
  if (kind === 1) return [...start, { type: 'TaskFailed', data: { taskId, error: { code: 'http-status', message: 'HTTP 500' }, failedAt: at } }];
  const page: TaskEvent[] = [
    {
      type: 'PageFetched',
      data: { taskId, finalUrl: `http://127.0.0.1/${taskId}`, httpStatus: 200, contentType: 'text/html', charset: 'utf-8', bytes: 9, title: 'a page', text: { sha256: 'c'.repeat(64), bytes: 10 }, imagesFound: 6, imagesTruncated: false, fetchedAt: at },
    },
    { type: 'ImagesDiscovered', data: { taskId, images } },
  ];
  if (kind === 2) return [...start, ...page, ...stored.slice(0, 2), { type: 'TaskCancelled', data: { taskId, cancelledAt: at } }, ...stored.slice(2, 3)];
  const completed: TaskEvent[] = [...start, ...page, ...stored, failed, { type: 'TaskCompleted', data: { taskId, imagesStored: 5, imagesFailed: 1, completedAt: at } }];
  if (kind === 3) completed.push({ type: 'TaskExpired', data: { taskId, reason: 'retention', dueAt: at, expiredAt: at } });
  return completed;
}

/** The tasks' streams interleaved, an event of each task in turn, as concurrent jobs write them. */
async function appendInterleaved(store: EventStore): Promise<void> {
  const streams = Array.from({ length: TASKS }, (_, n) => {
    const taskId = `task-${n}`;
    return { taskId, events: taskEvents(taskId, n % 4) };
  });
  for (let turn = 0; streams.some((stream) => stream.events.length > turn); turn += 1) {
    for (const { taskId, events } of streams) {
      const event = events[turn];
      if (event) await store.appendToStream(taskStreamName(taskId), [{ id: randomUUID(), type: event.type, data: event.data, metadata: { schemaVersion: 1 } }]);
    }
  }
}

/** Every table's rows, sorted, and the schema: what a reader of the file can see. */
function contentsOf(path: string): Record<string, unknown> {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const schema = db.prepare('SELECT name, sql FROM sqlite_schema ORDER BY name').all();
    const tables = schema.filter((row) => String(row.sql).startsWith('CREATE TABLE')).map((row) => String(row.name));
    return { schema, ...Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table}`).all().map((row) => JSON.stringify(row)).sort()])) };
  } finally {
    db.close();
  }
}

describe('rebuildReadModels [sqlite]', () => {
  let dir: string;
  let eventStore: EventStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trawl-rebuild-'));
    eventStore = await createEventStore({ kind: 'sqlite', path: join(dir, 'events.sqlite') });
    await appendInterleaved(eventStore);
  }, 60_000);
  afterAll(async () => {
    await eventStore.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function withStore(name: string, use: (store: SqliteReadModelStore) => Promise<void>): Promise<Record<string, unknown>> {
    const path = join(dir, `${name}.sqlite`);
    const store = new SqliteReadModelStore(path);
    try {
      await use(store);
    } finally {
      await store.close();
    }
    return contentsOf(path);
  }

  it('gives, over old read models, exactly what the live projector gives, and what a drop-and-replay gives', async () => {
    const log = await eventStore.readAll({ maxCount: 100_000 });
    expect(log.length).toBeGreaterThan(2_500);
    const live = await withStore('live', async (store) => {
      for (let from = 0; from < log.length; from += 256) await applyToReadModels(store, log.slice(from, from + 256));
      await store.saveCheckpoint(PROJECTOR_SUBSCRIPTION, log.at(-1)!.position);
    });
    const rebuilt = await withStore('rebuilt', async (store) => {
      await applyToReadModels(store, log.slice(0, 700)); // older read models, and a stale view
      await store.saveTask({ ...(await store.getTask('task-0'))!, id: 'gone', revision: 99 });
      expect(await rebuildReadModels(eventStore, store)).toEqual({ events: log.length });
    });
    // The store without its one-transaction rebuild: dropAll, then the replay (MongoDB's path).
    const dropped = await withStore('dropped', async (store) => {
      await applyToReadModels(store, log.slice(0, 700));
      const plain = new Proxy(store, { get: (target, key) => (key === 'replaceAll' ? undefined : Reflect.get(target, key, target)) }) as ReadModelStore;
      await rebuildReadModels(eventStore, plain);
    });
    expect(rebuilt).toEqual(live);
    expect(dropped).toEqual(live);
    expect((live.tasks as string[]).length).toBe(TASKS);
  });
});
