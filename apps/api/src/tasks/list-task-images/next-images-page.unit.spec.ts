import { nextImagesPageUrl } from './next-images-page';

describe('the next page of a task\'s images', () => {
  const taskId = '0b7f2a4e-3c1d-4e5f-8a9b-1c2d3e4f5a6b';

  it('is the images path of that task with the same status and limit and the cursor, encoded', () => {
    expect(nextImagesPageUrl(taskId, { status: 'failed', limit: 2, cursor: 'old' }, 'eyJ0Ijoi+/=')).toBe(
      `/api/v1/tasks/${taskId}/images?status=failed&limit=2&cursor=eyJ0Ijoi%2B%2F%3D`,
    );
    expect(nextImagesPageUrl(taskId, { limit: 100 }, 'abc')).toBe(`/api/v1/tasks/${taskId}/images?limit=100&cursor=abc`);
  });

  it('is null on the last page', () => {
    expect(nextImagesPageUrl(taskId, { limit: 100 }, null)).toBeNull();
  });
});
