import type { TaskView } from '@trawl/read-models';
import { presentTask } from './task-presenter';

const view = (collect: TaskView['collect']): TaskView => ({
  id: '7d1f0a52-0000-4000-8000-000000000001', url: 'http://127.0.0.1:8000/', collect, respectRobots: true, status: 'queued',
  progress: { imagesFound: 0, imagesStored: 0, imagesFailed: 0 }, error: null, page: null, text: null,
  createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z', revision: 0,
});

describe('presentTask links', () => {
  const self = '/api/v1/tasks/7d1f0a52-0000-4000-8000-000000000001';

  it('an images-only task has no text link (it would answer 404), a text-only one no images link', () => {
    expect(presentTask(view(['images'])).links).toEqual({ self, images: `${self}/images`, events: `${self}/events` });
    expect(presentTask(view(['text'])).links).toEqual({ self, text: `${self}/text`, events: `${self}/events` });
  });

  it('a task collecting both links both', () => {
    expect(presentTask(view(['text', 'images'])).links).toEqual({ self, text: `${self}/text`, images: `${self}/images`, events: `${self}/events` });
  });
});
