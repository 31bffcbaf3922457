import { startFixtureSite, type FixtureSite } from '../support/fixture-site';
import { slowImageHits, waitFor } from '../support/wait-for';
import { snapshotReadModels, withReadModelDatabase } from '../support/mongo-read-models';
import { startDistributedTrawl, type TrawlDeployment } from '../support/trawl-deployment';

const SLOW_IMAGES = 40;

/**
 * Crash and replay in the distributed mode: a fetcher killed with SIGKILL while it holds a task loses
 * nothing and duplicates nothing; the read models rebuilt from the events equal the live ones.
 */
describe('e2e: recovery [distributed: kafka, ferretdb, sqlite event store]', () => {
  let site: FixtureSite;
  let trawl: TrawlDeployment;
  let taskId: string;

  beforeAll(async () => {
    site = await startFixtureSite();
    // fetcher-2 starts later, so that fetcher-1 is certainly the one holding the task when it dies.
    trawl = await startDistributedTrawl({ fetchers: 2, deferred: ['fetcher-2'] });
  });
  afterAll(async () => {
    await trawl?.stop();
    await site?.close();
  });

  it('completes a task whose fetcher was killed mid-task, with no duplicate event, image or row', async () => {
    const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/many-slow-images?count=${SLOW_IMAGES}&ms=1500`, collect: ['images'] });
    taskId = task.id;
    await waitFor(() => slowImageHits(site, SLOW_IMAGES) >= 5, 60_000);
    await trawl.start('fetcher-2');
    await trawl.processes.get('fetcher-1')!.kill();
    const hitsAtKill = slowImageHits(site, SLOW_IMAGES);

    const done = await trawl.client.waitForFinal(task.id, 180_000);
    expect(done).toMatchObject({ status: 'completed', progress: { imagesFound: SLOW_IMAGES, imagesStored: SLOW_IMAGES, imagesFailed: 0 } });
    expect(hitsAtKill).toBeLessThan(SLOW_IMAGES * 2);

    const events = await trawl.client.events(task.id);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    const outcomes = events.filter((event) => event.type === 'ImageStored' || event.type === 'ImageFailed');
    expect(outcomes).toHaveLength(SLOW_IMAGES);
    expect(events.filter((event) => event.type === 'PageFetched')).toHaveLength(1);
    expect(events.filter((event) => event.type === 'TaskCompleted')).toHaveLength(1);

    const images = await trawl.client.images(task.id);
    expect(images).toHaveLength(SLOW_IMAGES);
    expect(new Set(images.map((image) => image.sha256)).size).toBe(SLOW_IMAGES);
    await withReadModelDatabase(trawl.env.MONGO_URL, async (db) => {
      expect(await db.collection('task_images').countDocuments({ taskId: task.id })).toBe(SLOW_IMAGES);
      expect(await db.collection('tasks').countDocuments({ _id: task.id as never })).toBe(1);
    });
  });

  it('rebuilds read models identical to the live ones from the first event', async () => {
    const other = await trawl.client.createTask({ url: `${site.baseUrl}/pages/all-hiding-places.html` });
    await trawl.client.waitForFinal(other.task.id);
    await trawl.processes.get('projector')!.stop();
    const before = await withReadModelDatabase(trawl.env.MONGO_URL, snapshotReadModels);
    expect(before.tasks.length).toBeGreaterThanOrEqual(2);

    const rebuild = await trawl.cli(['rebuild-read-models']);
    expect(rebuild).toMatchObject({ code: 0, stdout: expect.stringMatching(/rebuilt read models from \d+ events/) });
    const after = await withReadModelDatabase(trawl.env.MONGO_URL, snapshotReadModels);
    expect(after).toEqual(before);

    // The projector goes on from the rebuild's checkpoint.
    await trawl.start('projector');
    const next = await trawl.client.createTask({ url: `${site.baseUrl}/pages/base-href.html` });
    expect((await trawl.client.waitForFinal(next.task.id)).status).toBe('completed');
    expect((await trawl.client.getTask(taskId)).status).toBe('completed');
  });
});
