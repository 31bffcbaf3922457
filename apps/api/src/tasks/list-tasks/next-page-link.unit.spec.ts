import { linkHeader, nextPageUrl } from './next-page-link';

describe('the next page of a task listing', () => {
  it('is the listing URL with the same status and limit and the cursor, encoded', () => {
    expect(nextPageUrl({ status: 'failed', limit: 2, cursor: 'old' }, 'eyJ0Ijoi+/=')).toBe('/api/v1/tasks?status=failed&limit=2&cursor=eyJ0Ijoi%2B%2F%3D');
    expect(nextPageUrl({ limit: 50 }, 'abc')).toBe('/api/v1/tasks?limit=50&cursor=abc');
  });

  it('is null on the last page, and then there is no Link header', () => {
    expect(nextPageUrl({ limit: 50 }, null)).toBeNull();
    expect(linkHeader(null)).toBeNull();
    expect(linkHeader('/api/v1/tasks?limit=50&cursor=abc')).toBe('</api/v1/tasks?limit=50&cursor=abc>; rel="next"');
  });
});
