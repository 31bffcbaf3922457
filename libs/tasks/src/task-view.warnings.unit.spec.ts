import type { TaskEvent } from '@trawl/domain';
import { projectTaskView } from './task-view.projection';

const at = '2026-01-01T00:00:00.000Z';
const requested: TaskEvent = { type: 'TaskRequested', data: { taskId: 't1', url: 'http://127.0.0.1/', collect: ['images'], requestedAt: at } };
const fetched = (imagesFound: number, imagesTruncated: boolean, imagesReferenced?: number): TaskEvent => ({
  type: 'PageFetched',
  data: {
    taskId: 't1', finalUrl: 'http://127.0.0.1/', httpStatus: 200, contentType: 'text/html', charset: 'UTF-8', bytes: 10,
    title: null, text: null, imagesFound, imagesTruncated, ...(imagesReferenced === undefined ? {} : { imagesReferenced }), fetchedAt: at,
  },
});

describe('task view projection: warnings', () => {
  const created = projectTaskView(null, requested, { revision: 0, recordedAt: at })!;

  it('warns too-many-images when the page had more images than the per-page limit', () => {
    const view = projectTaskView(created, fetched(5000, true, 10_000), { revision: 2, recordedAt: at })!;
    expect(view.warnings).toEqual([
      { code: 'too-many-images', message: 'the page references 10000 images; only the first 5000 are collected (TRAWL_MAX_IMAGES_PER_PAGE)' },
    ]);
    expect(view.progress.imagesFound).toBe(5000);
  });

  it('says "more than" for events written before the count of referenced images existed', () => {
    const view = projectTaskView(created, fetched(50, true), { revision: 2, recordedAt: at })!;
    expect(view.warnings?.[0]?.message).toMatch(/^the page references more than 50 images/);
  });

  it('has no warnings for a page within the limit, and keeps the revision guard', () => {
    const view = projectTaskView(created, fetched(3, false, 3), { revision: 2, recordedAt: at })!;
    expect(view).not.toHaveProperty('warnings');
    expect(projectTaskView(view, fetched(5000, true, 10_000), { revision: 2, recordedAt: at })).toBeNull();
  });
});
