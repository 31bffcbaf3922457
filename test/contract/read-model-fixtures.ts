import type { ImageView, TaskView } from '@trawl/read-models';

/** A complete task view; every nullable part filled, so a round trip shows nothing is lost. */
export function aTask(overrides: Partial<TaskView> = {}): TaskView {
  return {
    id: 'task-1',
    url: 'http://127.0.0.1:8080/page',
    collect: ['text', 'images'],
    status: 'running',
    progress: { imagesFound: 3, imagesStored: 1, imagesFailed: 1 },
    error: { code: 'fetch-timeout', message: 'the page did not answer' },
    page: { finalUrl: 'http://127.0.0.1:8080/page/', title: 'A page', httpStatus: 200, contentType: 'text/html' },
    text: { sha256: 'a'.repeat(64), bytes: 1234 },
    createdAt: '2025-01-02T03:04:05.000Z',
    updatedAt: '2025-01-02T03:04:06.000Z',
    revision: 1,
    ...overrides,
  };
}

/** A freshly queued task: the nullable parts empty. */
export function aQueuedTask(overrides: Partial<TaskView> = {}): TaskView {
  return aTask({ status: 'queued', progress: { imagesFound: 0, imagesStored: 0, imagesFailed: 0 }, error: null, page: null, text: null, ...overrides });
}

export function anImage(overrides: Partial<ImageView> = {}): ImageView {
  return {
    taskId: 'task-1',
    id: 'img-1',
    sourceUrl: 'http://127.0.0.1:8080/a.png',
    status: 'pending',
    sha256: null,
    contentType: null,
    width: null,
    height: null,
    bytes: null,
    error: null,
    ordinal: 0,
    updatedAt: '2025-01-02T03:04:07.000Z',
    revision: 2,
    ...overrides,
  };
}

export function aStoredImage(overrides: Partial<ImageView> = {}): ImageView {
  return anImage({ status: 'stored', sha256: 'b'.repeat(64), contentType: 'image/png', width: 640, height: 480, bytes: 2048, ...overrides });
}

/** Follows `next` until the end, failing if a listing never ends. */
export async function collectPages<T>(fetchPage: (after?: string) => Promise<{ items: T[]; next: string | null }>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let after: string | undefined;
  for (let pages = 1; pages <= 1000; pages += 1) {
    const page = await fetchPage(after);
    items.push(...page.items);
    if (page.next === null) return { items, pages };
    after = page.next;
  }
  throw new Error('the listing did not end after 1000 pages');
}
