import type { ReadModelStore, TaskView } from '@trawl/read-models';
import { taskProgressSource } from './task-progress-source';

const view: TaskView = {
  id: '0b7f2a4e-3c1d-4e5f-8a9b-1c2d3e4f5a6b', url: 'http://127.0.0.1/x', collect: ['images'], status: 'running',
  progress: { imagesFound: 40, imagesStored: 12, imagesFailed: 1 }, error: null, page: null, text: null,
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:01.000Z', revision: 15,
};

describe('a task followed as live progress', () => {
  const source = taskProgressSource({ getTask: async (id: string) => (id === view.id ? view : null) } as unknown as ReadModelStore, view.id);

  it('reads the task from the read models and says only its status, counts and error', async () => {
    const read = await source.read();
    expect(source.toPayload(read!)).toEqual({ id: view.id, status: 'running', progress: { imagesFound: 40, imagesStored: 12, imagesFailed: 1 }, error: null });
  });

  it('is final once completed, failed or cancelled', () => {
    expect(['queued', 'running'].map((status) => source.isFinal({ ...view, status } as TaskView))).toEqual([false, false]);
    expect(['completed', 'failed', 'cancelled'].map((status) => source.isFinal({ ...view, status } as TaskView))).toEqual([true, true, true]);
  });
});
