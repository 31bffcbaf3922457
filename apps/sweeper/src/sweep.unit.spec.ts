import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FileBlobStore } from '@trawl/blob-store';
import { SqliteEventStore } from '@trawl/event-store';
import { taskStreamName, type TaskEvent } from '@trawl/domain';
import { SqliteReadModelStore } from '@trawl/read-models';
import { TaskStreams } from '@trawl/tasks';
import { PROJECTOR_SUBSCRIPTION } from '../../projector/src/projector.service';
import { applyToReadModels } from '../../projector/src/task-projection';
import { expireDueTasks } from './expire-tasks';
import { readdir } from 'node:fs/promises';
import { BlobSpool } from './blob-spool';
import { recoverLeftoverSpools, releaseExpiredBlobs } from './release-blobs';

const requestedAt = '2026-01-01T00:00:00.000Z';
const expiresAt = '2026-01-02T00:00:00.000Z';
const afterExpiry = new Date('2026-01-02T00:00:01.000Z');

/** Real stores in-process: the SQLite event store and read models, and blobs in a temp dir. */
describe('a sweep (retention, ADR 0009)', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  let blobs: FileBlobStore;
  let streams: TaskStreams;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trawl-sweep-'));
    eventStore = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    readModels = new SqliteReadModelStore(':memory:');
    blobs = await FileBlobStore.open(join(dir, 'blobs'));
    streams = new TaskStreams(eventStore);
  });
  afterEach(async () => {
    await readModels.close();
    await eventStore.close();
    await rm(dir, { recursive: true, force: true });
  });

  const put = async (content: string) => (await blobs.write(Readable.from([Buffer.from(content)]))).sha256;
  async function project(): Promise<void> {
    const events = await eventStore.readAll({ from: (await readModels.getCheckpoint(PROJECTOR_SUBSCRIPTION)) ?? undefined, maxCount: 10_000 });
    await applyToReadModels(readModels, events);
    if (events.length > 0) await readModels.saveCheckpoint(PROJECTOR_SUBSCRIPTION, events.at(-1)!.position);
  }
  async function completedTask(taskId: string, images: string[], text: string | null, expiry?: string): Promise<void> {
    const events: TaskEvent[] = [
      { type: 'TaskRequested', data: { taskId, url: 'http://127.0.0.1/', collect: ['text', 'images'], requestedAt, ...(expiry ? { expiresAt: expiry } : {}) } },
      { type: 'PageFetched', data: { taskId, finalUrl: 'http://127.0.0.1/', httpStatus: 200, contentType: 'text/html', charset: 'utf-8', bytes: 1, title: null, text: text ? { sha256: text, bytes: 1 } : null, imagesFound: images.length, imagesTruncated: false, fetchedAt: requestedAt } },
      { type: 'ImagesDiscovered', data: { taskId, images: images.map((_, i) => ({ imageId: `i${i}`, url: `http://127.0.0.1/${i}.png`, ordinal: i })) } },
      ...images.map((sha256, i): TaskEvent => ({ type: 'ImageStored', data: { taskId, imageId: `i${i}`, sourceUrl: `http://127.0.0.1/${i}.png`, sha256, contentType: 'image/png', format: 'png', width: 1, height: 1, bytes: 1, storedAt: requestedAt } })),
      { type: 'TaskCompleted', data: { taskId, imagesStored: images.length, imagesFailed: 0, completedAt: requestedAt } },
    ];
    await streams.append(taskId, events.map((event, i) => ({ step: `s${i}`, event })));
  }
  const typesOf = async (taskId: string) => (await eventStore.readStream(taskStreamName(taskId))).map((event) => event.type);
  const deps = () => ({ eventStore, readModels, blobs, retentionDays: null, recheckMs: 0, spoolRoot: join(dir, 'spool') });

  it('expires the task past its expiresAt only, deletes its unshared blobs and keeps the shared one', async () => {
    const [shared, own, text] = [await put('shared image'), await put('own image'), await put('own text')];
    await completedTask('t1', [shared, own], text, expiresAt);
    await completedTask('t2', [shared], null);
    await project();

    expect(await expireDueTasks(deps(), new Date('2026-01-01T23:59:59.000Z'), 10)).toEqual({ taskIds: [], batchIds: new Set() });
    expect((await expireDueTasks(deps(), afterExpiry, 10)).taskIds).toEqual(['t1']);
    await project();
    expect(await readModels.getTask('t1')).toMatchObject({ status: 'expired' });

    await releaseExpiredBlobs(deps(), () => afterExpiry, 10);
    expect(await blobs.stat(shared)).not.toBeNull();
    expect(await blobs.stat(own)).toBeNull();
    expect(await blobs.stat(text)).toBeNull();
    const released = (await eventStore.readStream(taskStreamName('t1'))).at(-1)!;
    expect(released).toMatchObject({ type: 'TaskBlobsReleased', data: { removed: 2, kept: 1, restored: 0 } });
    await project();
    expect(await readModels.listUnreleasedTombstones(10)).toEqual([]);
    expect(await typesOf('t2')).not.toContain('TaskExpired');
  });

  it('two sweepers at once append one TaskExpired', async () => {
    await completedTask('t1', [], null, expiresAt);
    await project();
    await Promise.all([expireDueTasks(deps(), afterExpiry, 10), expireDueTasks(deps(), afterExpiry, 10)]);
    expect((await typesOf('t1')).filter((type) => type === 'TaskExpired')).toHaveLength(1);
  });

  it('writes back a blob that a task linked between the reference check and the re-check', async () => {
    const own = await put('own image');
    await completedTask('t1', [own], null, expiresAt);
    await project();
    await expireDueTasks(deps(), afterExpiry, 10);
    await project();
    // t3 reuses the same bytes while the sweep waits to re-check (its ImageStored is not projected yet).
    const release = releaseExpiredBlobs({ ...deps(), recheckMs: 300 }, () => afterExpiry, 10);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await blobs.stat(own)).toBeNull();
    await completedTask('t3', [own], null);
    await release;
    expect(await blobs.stat(own)).not.toBeNull();
    expect((await eventStore.readStream(taskStreamName('t1'))).at(-1)).toMatchObject({ type: 'TaskBlobsReleased', data: { removed: 0, kept: 0, restored: 1 } });
    expect(await readdir(join(dir, 'spool'))).toEqual([]);
  });

  it('after a crash between the deletes and the re-check, the next sweep writes back from the spool what a task linked', async () => {
    const [linked, unlinked] = [await put('linked meanwhile'), await put('nobody wants it')];
    // The crashed sweep: checkpoint read, copies kept, blobs deleted, then the process died.
    const spool = await BlobSpool.create(join(dir, 'spool'), { checkpoint: await readModels.getCheckpoint(PROJECTOR_SUBSCRIPTION), taskIds: ['t1'] });
    for (const sha256 of [linked, unlinked]) {
      await spool.keep(blobs, sha256);
      await blobs.delete(sha256);
    }
    await completedTask('t3', [linked], null);
    expect(await recoverLeftoverSpools(deps(), 60_000)).toBe(0); // young: may be a sweep still running
    expect(await recoverLeftoverSpools(deps(), 0)).toBe(1);
    expect(await blobs.stat(linked)).not.toBeNull();
    expect(await blobs.stat(unlinked)).toBeNull();
    expect(await readdir(join(dir, 'spool'))).toEqual([]);
  });
});
