import type { TaskEvent } from '@trawl/domain';
import { jobsFor } from './dispatch-rules';

describe('relay dispatch rules', () => {
  it('asks for one page job per requested task, keyed by host, with a stable id', () => {
    const event = { type: 'TaskRequested', data: { taskId: 't1', url: 'http://127.0.0.1:8080/a', collect: ['text' as const], requestedAt: 'x' } } satisfies TaskEvent;
    const first = jobsFor(event, 'c1');
    expect(first.pages).toEqual([
      expect.objectContaining({ key: '127.0.0.1:8080', payload: { taskId: 't1', url: 'http://127.0.0.1:8080/a', collect: ['text'], correlationId: 'c1', respectRobots: true } }),
    ]);
    expect(jobsFor(event, 'c1').pages[0].id).toBe(first.pages[0].id);
  });

  it('asks for an image job per discovered remote image, skipping inline data images', () => {
    const event = {
      type: 'ImagesDiscovered',
      data: {
        taskId: 't1',
        images: [
          { imageId: 'a', url: 'http://127.0.0.1:81/a.png', ordinal: 0 },
          { imageId: 'b', url: 'data:image/png;sha256,abc', ordinal: 1 },
          { imageId: 'c', url: 'http://localhost:82/c.png', ordinal: 2 },
        ],
      },
    } satisfies TaskEvent;
    const { images } = jobsFor(event, 'c1');
    expect(images.map((job) => [job.key, job.payload.imageId])).toEqual([['127.0.0.1:81', 'a'], ['localhost:82', 'c']]);
    expect(new Set(images.map((job) => job.id)).size).toBe(2);
  });

  it("copies the task's robots.txt choice into its page and image jobs; events without it mean true", () => {
    const requested = { type: 'TaskRequested', data: { taskId: 't1', url: 'http://127.0.0.1/', collect: ['images' as const], requestedAt: 'x', respectRobots: false } } satisfies TaskEvent;
    expect(jobsFor(requested, 'c1').pages[0].payload.respectRobots).toBe(false);
    const discovered = (respectRobots?: boolean) =>
      ({ type: 'ImagesDiscovered', data: { taskId: 't1', images: [{ imageId: 'a', url: 'http://127.0.0.1/a.png', ordinal: 0 }], respectRobots } }) satisfies TaskEvent;
    expect(jobsFor(discovered(false), 'c1').images[0].payload.respectRobots).toBe(false);
    expect(jobsFor(discovered(), 'c1').images[0].payload.respectRobots).toBe(true);
  });

  it('spreads the jobs of one host over its shards by URL, the same URL always on the same shard (ADR 0010)', () => {
    const images = Array.from({ length: 200 }, (_, n) => ({ imageId: `i${n}`, url: `http://127.0.0.1:8080/img/${n}.png`, ordinal: n }));
    const event = { type: 'ImagesDiscovered', data: { taskId: 't1', images } } satisfies TaskEvent;
    const sharded = jobsFor(event, 'c1', 12).images;
    expect(new Set(sharded.map((job) => job.key))).toEqual(new Set(['127.0.0.1:8080']));
    expect(new Set(sharded.map((job) => job.shard)).size).toBe(12);
    expect(jobsFor(event, 'c1', 12).images.map((job) => job.shard)).toEqual(sharded.map((job) => job.shard));
    // The ids do not depend on the sharding: a relay restarted with another setting publishes the same jobs.
    expect(sharded.map((job) => job.id)).toEqual(jobsFor(event, 'c1').images.map((job) => job.id));

    const requested = { type: 'TaskRequested', data: { taskId: 't1', url: 'http://127.0.0.1:8080/a', collect: ['text' as const], requestedAt: 'x' } } satisfies TaskEvent;
    expect(jobsFor(requested, 'c1', 12).pages[0]).toMatchObject({ key: '127.0.0.1:8080', shard: expect.any(Number) });
  });

  it('publishes no shard when the host is not sharded', () => {
    const event = { type: 'ImagesDiscovered', data: { taskId: 't1', images: [{ imageId: 'a', url: 'http://127.0.0.1/a.png', ordinal: 0 }] } } satisfies TaskEvent;
    expect(jobsFor(event, 'c1', 1).images[0]).not.toHaveProperty('shard');
    expect(jobsFor(event, 'c1').images[0]).not.toHaveProperty('shard');
  });
});
