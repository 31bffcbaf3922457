import { decidePageReuse, imagesOptedOutFor, pageFlightKey, type ReusePolicy } from './page-reuse-decision';
import { pageUrlFetched, pageUrlStreamName, type PageUrlFetched } from './page-url-events';

const recorded = (overrides: Partial<PageUrlFetched> = {}): PageUrlFetched => ({
  url: 'http://127.0.0.1/a', finalUrl: 'http://127.0.0.1/a', httpStatus: 200, contentType: 'text/html', html: { sha256: 'a'.repeat(64), bytes: 10 },
  etag: null, lastModified: null, fetchedAt: '2026-01-01T00:00:00.000Z', taskId: 't1', honoured: { robots: true, optOuts: true }, imagesOptedOut: null,
  ...overrides,
});
const strict: ReusePolicy = { respectRobots: true, respectOptOuts: true };
const lax: ReusePolicy = { respectRobots: false, respectOptOuts: false };
const hour = 3_600_000;
const halfAnHourLater = new Date('2026-01-01T00:30:00Z');
const twoHoursLater = new Date('2026-01-01T02:00:00Z');

describe('decidePageReuse', () => {
  it('downloads a page no task has recorded (an earlier failure records nothing)', () => {
    expect(decidePageReuse(null, strict, halfAnHourLater, hour)).toEqual({ kind: 'download' });
  });

  it('reuses a copy younger than the maximum age, whatever this task honours less', () => {
    expect(decidePageReuse(recorded(), strict, halfAnHourLater, hour)).toEqual({ kind: 'reuse', from: recorded() });
    expect(decidePageReuse(recorded(), lax, halfAnHourLater, hour)).toMatchObject({ kind: 'reuse' });
  });

  it('downloads again when the copy was checked against less than this task honours', () => {
    const withoutRobots = recorded({ honoured: { robots: false, optOuts: true } });
    const withoutOptOuts = recorded({ honoured: { robots: true, optOuts: false } });
    expect(decidePageReuse(withoutRobots, strict, halfAnHourLater, hour)).toEqual({ kind: 'download' });
    expect(decidePageReuse(withoutOptOuts, strict, halfAnHourLater, hour)).toEqual({ kind: 'download' });
    expect(decidePageReuse(withoutRobots, { respectRobots: false, respectOptOuts: true }, halfAnHourLater, hour)).toMatchObject({ kind: 'reuse' });
    expect(decidePageReuse(withoutOptOuts, { respectRobots: true, respectOptOuts: false }, halfAnHourLater, hour)).toMatchObject({ kind: 'reuse' });
  });

  it('revalidates an older copy with the validators the server gave, or downloads it without any', () => {
    const validated = recorded({ etag: '"v1"', lastModified: 'Thu, 01 Jan 2026 00:00:00 GMT' });
    expect(decidePageReuse(validated, strict, twoHoursLater, hour)).toEqual({
      kind: 'revalidate', from: validated, headers: { 'if-none-match': '"v1"', 'if-modified-since': 'Thu, 01 Jan 2026 00:00:00 GMT' },
    });
    expect(decidePageReuse(recorded({ lastModified: 'Thu, 01 Jan 2026 00:00:00 GMT' }), strict, twoHoursLater, hour)).toMatchObject({
      kind: 'revalidate', headers: { 'if-modified-since': 'Thu, 01 Jan 2026 00:00:00 GMT' },
    });
    expect(decidePageReuse(recorded(), strict, twoHoursLater, hour)).toEqual({ kind: 'download' });
  });

  it('asks the server every time with a maximum age of 0, and never trusts a copy from the future', () => {
    expect(decidePageReuse(recorded({ etag: '"v1"' }), strict, new Date('2026-01-01T00:00:00Z'), 0)).toMatchObject({ kind: 'revalidate' });
    expect(decidePageReuse(recorded(), strict, new Date('2025-12-31T23:00:00Z'), hour)).toEqual({ kind: 'download' });
  });
});

describe('page reuse keys and streams', () => {
  it('shares a download only between tasks that honour the same', () => {
    const url = 'http://127.0.0.1/a';
    expect(pageFlightKey(url, strict)).toBe(pageFlightKey(url, { ...strict }));
    expect(new Set([pageFlightKey(url, strict), pageFlightKey(url, lax), pageFlightKey(url, { respectRobots: true, respectOptOuts: false }), pageFlightKey('http://127.0.0.1/b', strict)]).size).toBe(4);
  });

  it("drops the headers' image opt-out for a task that ignores opt-outs, keeps it for one that honours them", () => {
    const optedOut = recorded({ imagesOptedOut: { signal: 'x-robots-tag', directive: 'noimageai', covers: 'images' } });
    expect(imagesOptedOutFor(optedOut, strict)).toEqual({ signal: 'x-robots-tag', directive: 'noimageai', covers: 'images' });
    expect(imagesOptedOutFor(optedOut, lax)).toBeNull();
  });

  it('names one stream per page URL, apart from the image URLs', () => {
    expect(pageUrlStreamName('http://127.0.0.1/a')).toBe(pageUrlStreamName('http://127.0.0.1/a'));
    expect(pageUrlStreamName('http://127.0.0.1/a')).not.toBe(pageUrlStreamName('http://127.0.0.1/b'));
    expect(pageUrlStreamName('http://127.0.0.1/a')).toMatch(/^page-url-[0-9a-f]{40}$/);
  });

  it('validates what the registry records', () => {
    expect(pageUrlFetched.parse(recorded())).toEqual(recorded());
    expect(pageUrlFetched.safeParse({ ...recorded(), html: { sha256: 'x', bytes: 1 } }).success).toBe(false);
  });
});
