import { decideCancel, decideCompletion, decideRequest } from './task-decisions';
import { foldTaskEvents } from './task-state';
import type { TaskEvent } from '../events/task-events';

const now = new Date('2026-01-01T00:00:00Z');
const at = now.toISOString();

function requested(collect: ('text' | 'images')[] = ['text', 'images']): TaskEvent {
  return decideRequest({ taskId: 't1', url: 'http://127.0.0.1/', collect, now });
}
function pageFetched(imagesFound: number): TaskEvent {
  return {
    type: 'PageFetched',
    data: {
      taskId: 't1', finalUrl: 'http://127.0.0.1/', httpStatus: 200, contentType: 'text/html', charset: 'utf-8',
      bytes: 10, title: null, text: null, imagesFound, imagesTruncated: false, fetchedAt: at,
    },
  };
}
function discovered(...ids: string[]): TaskEvent {
  return { type: 'ImagesDiscovered', data: { taskId: 't1', images: ids.map((imageId, ordinal) => ({ imageId, url: `http://127.0.0.1/${imageId}`, ordinal })) } };
}
function stored(imageId: string): TaskEvent {
  return {
    type: 'ImageStored',
    data: { taskId: 't1', imageId, sourceUrl: 'x', sha256: 'a'.repeat(64), contentType: 'image/png', format: 'png', width: 1, height: 1, bytes: 1, storedAt: at },
  };
}
function failed(imageId: string): TaskEvent {
  return { type: 'ImageFailed', data: { taskId: 't1', imageId, sourceUrl: 'x', error: { code: 'http-status', message: '404' }, failedAt: at } };
}

describe('task decisions', () => {
  it('dedupes the collect kinds of a request', () => {
    const event = decideRequest({ taskId: 't1', url: 'http://127.0.0.1/', collect: ['text', 'text'], now });
    expect(event.data).toMatchObject({ collect: ['text'] });
  });

  it('completes a text-only task once the page is fetched', () => {
    expect(decideCompletion(foldTaskEvents([requested(['text'])]), now)).toBeNull();
    const state = foldTaskEvents([requested(['text']), pageFetched(0)]);
    expect(decideCompletion(state, now)).toMatchObject({ type: 'TaskCompleted', data: { imagesStored: 0, imagesFailed: 0 } });
  });

  it('waits for every discovered image to have an outcome, and counts failures', () => {
    const base = [requested(), pageFetched(3), discovered('a', 'b', 'c'), stored('a'), failed('b')];
    expect(decideCompletion(foldTaskEvents(base), now)).toBeNull();
    const done = foldTaskEvents([...base, stored('c')]);
    expect(decideCompletion(done, now)).toMatchObject({ data: { imagesStored: 2, imagesFailed: 1 } });
  });

  it('waits for every announced discovery chunk', () => {
    const state = foldTaskEvents([requested(), pageFetched(2), discovered('a'), stored('a')]);
    expect(decideCompletion(state, now)).toBeNull();
  });

  it('counts a redelivered image outcome once, and the first outcome wins', () => {
    const state = foldTaskEvents([requested(), pageFetched(1), discovered('a'), stored('a'), failed('a'), stored('a')]);
    expect(decideCompletion(state, now)).toMatchObject({ data: { imagesStored: 1, imagesFailed: 0 } });
  });

  it('never completes a final task, and the first final event wins', () => {
    const cancelled: TaskEvent = { type: 'TaskCancelled', data: { taskId: 't1', cancelledAt: at } };
    const state = foldTaskEvents([requested(['text']), cancelled, pageFetched(0)]);
    expect(state?.status).toBe('cancelled');
    expect(decideCompletion(state, now)).toBeNull();
  });

  it('cancels only an unfinished task', () => {
    expect(decideCancel(null, now)).toEqual({ kind: 'not-found' });
    expect(decideCancel(foldTaskEvents([requested()]), now)).toMatchObject({ kind: 'cancel' });
    const done = foldTaskEvents([requested(['text']), pageFetched(0), { type: 'TaskCompleted', data: { taskId: 't1', imagesStored: 0, imagesFailed: 0, completedAt: at } }]);
    expect(decideCancel(done, now)).toEqual({ kind: 'already-final', status: 'completed' });
  });
});
