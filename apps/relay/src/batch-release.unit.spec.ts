import { batchRequestedEvent, batchUrlsAddedEvent, foldBatchOnto, taskRequested, type BatchOptions } from '@trawl/domain';
import type { TaskStreams } from '@trawl/tasks';
import { requestReleasedTasks } from './batch-release';

/** The TaskRequested each released task's stream gets, as the relay appends them. */
async function releasedRequests(options: BatchOptions): Promise<Array<Record<string, unknown>>> {
  const urls = ['http://127.0.0.1/a', 'http://127.0.0.1/b'];
  const state = foldBatchOnto(null, [
    batchRequestedEvent({ batchId: 'b1', options, urls: urls.length, duplicates: 0, rejected: 0, now: new Date('2026-01-01T00:00:00Z') }),
    batchUrlsAddedEvent('b1', 0, urls.map((url, i) => ({ taskId: `t${i}`, url, line: i + 1 }))),
  ])!;
  const appended: Array<Record<string, unknown>> = [];
  const tasks = {
    append: async (_taskId: string, events: Array<{ event: { type: string; data: Record<string, unknown> } }>) => {
      for (const { event } of events) if (event.type === 'TaskRequested') appended.push(taskRequested.parse(event.data));
    },
  } as unknown as TaskStreams;
  await requestReleasedTasks(tasks, state, 0, urls.length, undefined, new Date('2026-01-01T00:00:01Z'));
  return appended;
}

describe("a batch's released tasks", () => {
  it("carry the batch's thumbnails (ADR 0007), formats and all", async () => {
    const thumbnails = [256, { width: 128, format: 'webp' as const, quality: 70 }];
    const requests = await releasedRequests({ collect: ['images'], respectRobots: true, thumbnails });
    expect(requests).toHaveLength(2);
    for (const request of requests) expect(request).toMatchObject({ batchId: 'b1', collect: ['images'], thumbnails });
  });

  it('ask for no thumbnails when the batch asked for none', async () => {
    const requests = await releasedRequests({ collect: ['images'], respectRobots: true });
    expect(requests).toHaveLength(2);
    for (const request of requests) expect(request).not.toHaveProperty('thumbnails');
  });
});
