import type { EventStore, RecordedEvent } from '@trawl/event-store';
import type { TaskEvent } from '@trawl/domain';
import { CompletionTracker } from './completion-tracker';
import { datasetEventFor } from './dataset-events';
import { jobsFor } from './dispatch-rules';

const at = '2026-01-01T00:00:00.000Z';
const url = 'http://127.0.0.1:8080/a';
const history: TaskEvent[] = [
  { type: 'TaskRequested', data: { taskId: 't1', url, collect: ['images'], requestedAt: at } },
  { type: 'TaskStarted', data: { taskId: 't1', startedAt: at } },
  { type: 'TaskFailed', data: { taskId: 't1', error: { code: 'http-status', message: 'HTTP 503' }, failedAt: at } },
  { type: 'TaskRequeued', data: { taskId: 't1', run: 2, url, collect: ['images'], requeuedAt: at } },
  { type: 'TaskStarted', data: { taskId: 't1', startedAt: at } },
  {
    type: 'PageFetched',
    data: {
      taskId: 't1', finalUrl: url, httpStatus: 200, contentType: 'text/html', charset: 'utf-8', bytes: 10, title: null,
      text: null, imagesFound: 1, imagesTruncated: false, fetchedAt: at,
    },
  },
  { type: 'ImagesDiscovered', data: { taskId: 't1', images: [{ imageId: 'a', url: 'http://127.0.0.1:8080/a.png', ordinal: 0 }] } },
  {
    type: 'ImageStored',
    data: { taskId: 't1', imageId: 'a', sourceUrl: 'x', sha256: 'a'.repeat(64), contentType: 'image/png', format: 'png', width: 1, height: 1, bytes: 1, storedAt: at },
  },
];
const completed: TaskEvent = { type: 'TaskCompleted', data: { taskId: 't1', imagesStored: 1, imagesFailed: 0, completedAt: at } };
const recorded: RecordedEvent[] = history.map((event, revision) => ({
  id: `e${revision}`, type: event.type, data: event.data, metadata: {}, streamName: 'task-t1', revision: BigInt(revision),
  position: String(revision), recordedAt: new Date(at),
}));

describe('relay and requeue (ADR 0005)', () => {
  it('asks for the page job of the new run, with an id apart from the first run', () => {
    const first = jobsFor(history[0], 'c1').pages[0];
    const again = jobsFor(history[3], 'c1').pages[0];
    expect(again).toMatchObject({ key: '127.0.0.1:8080', payload: { taskId: 't1', url, collect: ['images'], correlationId: 'c1' } });
    expect(again.id).not.toBe(first.id);
  });

  it('follows a task that failed and was requeued, and completes its new run in that run', async () => {
    const tracker = new CompletionTracker(async (event) => history.slice(0, Number(event.revision)));
    const decisions: unknown[] = [];
    for (const event of recorded) decisions.push(await tracker.apply(event, 't1', new Date(at)));
    expect(decisions.slice(0, -1).every((decision) => decision === null)).toBe(true);
    expect(decisions.at(-1)).toMatchObject({ run: 2, event: { type: 'TaskCompleted', data: { imagesStored: 1, imagesFailed: 0 } } });
  });

  it('hydrates a task first seen at its requeue (after a restart) from the events before it', async () => {
    const tracker = new CompletionTracker(async (event) => history.slice(0, Number(event.revision)));
    let last = null;
    for (const event of recorded.slice(3)) last = await tracker.apply(event, 't1', new Date(at));
    expect(last).toMatchObject({ run: 2 });
  });

  it('announces the final event of each run: the failure, then the completed dataset of the new run', async () => {
    const all = [...recorded, { ...recorded[0], id: 'e8', type: completed.type, data: completed.data, revision: 8n, position: '8' }];
    const store = { readStream: async (_name: string, options?: { maxCount?: number }) => all.slice(0, options?.maxCount) } as unknown as EventStore;
    expect(await datasetEventFor(history[2], all[2], store)).toMatchObject({ type: 'DatasetFailed', error: { code: 'http-status' } });
    expect(await datasetEventFor(completed, all[8], store)).toMatchObject({ type: 'DatasetReady', status: 'completed', imagesStored: 1 });
  });
});
