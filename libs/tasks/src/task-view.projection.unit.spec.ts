import type { TaskEvent } from '@trawl/domain';
import { projectImageRows, projectTaskView } from './task-view.projection';

const at = '2026-01-01T00:00:00.000Z';
const requested: TaskEvent = { type: 'TaskRequested', data: { taskId: 't1', url: 'http://127.0.0.1/', collect: ['text', 'images'], requestedAt: at } };
const discovered: TaskEvent = { type: 'ImagesDiscovered', data: { taskId: 't1', images: [{ imageId: 'a', url: 'http://127.0.0.1/a.png', ordinal: 0 }] } };
const stored: TaskEvent = {
  type: 'ImageStored',
  data: { taskId: 't1', imageId: 'a', sourceUrl: 'http://127.0.0.1/a.png', sha256: 'b'.repeat(64), contentType: 'image/png', format: 'png', width: 2, height: 3, bytes: 40, storedAt: at },
};

describe('task view projection', () => {
  const created = projectTaskView(null, requested, { revision: 0, recordedAt: at })!;

  it('creates a queued view once', () => {
    expect(created).toMatchObject({ id: 't1', status: 'queued', revision: 0, progress: { imagesFound: 0 } });
    expect(projectTaskView(created, requested, { revision: 0, recordedAt: at })).toBeNull();
  });

  it('ignores an event at or below the view revision (replay)', () => {
    const started = projectTaskView(created, { type: 'TaskStarted', data: { taskId: 't1', startedAt: at } }, { revision: 1, recordedAt: at })!;
    expect(started.status).toBe('running');
    expect(projectTaskView(started, stored, { revision: 1, recordedAt: at, previousImageStatus: 'pending' })).toBeNull();
  });

  it('counts an image outcome only when the image was pending', () => {
    const once = projectTaskView(created, stored, { revision: 5, recordedAt: at, previousImageStatus: 'pending' })!;
    expect(once.progress.imagesStored).toBe(1);
    const duplicate = projectTaskView(once, stored, { revision: 6, recordedAt: at, previousImageStatus: 'stored' })!;
    expect(duplicate.progress.imagesStored).toBe(1);
  });

  it('keeps the first final status and the failure error', () => {
    const failed = projectTaskView(created, { type: 'TaskFailed', data: { taskId: 't1', error: { code: 'http-status', message: 'HTTP 404' }, failedAt: at } }, { revision: 2, recordedAt: at })!;
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'http-status' } });
    const late = projectTaskView(failed, { type: 'TaskCompleted', data: { taskId: 't1', imagesStored: 0, imagesFailed: 0, completedAt: at } }, { revision: 3, recordedAt: at })!;
    expect(late.status).toBe('failed');
  });

  it('turns discoveries and outcomes into image rows', () => {
    expect(projectImageRows(discovered, { revision: 3, recordedAt: at })).toEqual([
      expect.objectContaining({ id: 'a', status: 'pending', ordinal: 0, revision: 3 }),
    ]);
    expect(projectImageRows(stored, { revision: 4, recordedAt: at, ordinalOf: () => 7 })).toEqual([
      expect.objectContaining({ id: 'a', status: 'stored', sha256: 'b'.repeat(64), width: 2, ordinal: 7 }),
    ]);
  });
});
