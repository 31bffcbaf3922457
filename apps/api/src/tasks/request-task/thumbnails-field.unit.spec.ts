import { batchOptions, taskRequested } from '@trawl/domain';
import { ApiProblem } from '../../http/problem';
import { parseOrThrow } from '../../http/zod-validation';
import { requestBatchBody, requestBatchQuery } from '../../batches/request-batch/request-batch.body';
import { requestTaskBody } from './request-task.body';

/** What the API would accept, or the problem it would answer with (detail and the paths it names). */
function parse(schema: Parameters<typeof parseOrThrow>[0], input: unknown): { accepted: unknown } | { status: number; detail: string; errors: Array<{ path: string; message: string }> } {
  try {
    return { accepted: parseOrThrow(schema, input, 'request') };
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    return { status: error.status, detail: error.message, errors: error.errors ?? [] };
  }
}

const task = (thumbnails: unknown) => parse(requestTaskBody, { url: 'http://127.0.0.1/', thumbnails });

describe('thumbnails option: a task request', () => {
  it('keeps plain widths as numbers: [256] means what it always meant', () => {
    expect(task([256, 128])).toEqual({ accepted: expect.objectContaining({ thumbnails: [256, 128] }) });
  });

  it('takes {width, format, quality}, and an object naming neither format nor quality as its width', () => {
    expect(task([{ width: 256, format: 'webp' }, { width: 128, format: 'avif', quality: 40 }, { width: 64 }, { width: 32, quality: 70 }])).toEqual({
      accepted: expect.objectContaining({ thumbnails: [{ width: 256, format: 'webp' }, { width: 128, format: 'avif', quality: 40 }, 64, { width: 32, quality: 70 }] }),
    });
  });

  it('takes one width in two formats', () => {
    expect(task([256, { width: 256, format: 'webp' }])).toEqual({ accepted: expect.objectContaining({ thumbnails: [256, { width: 256, format: 'webp' }] }) });
  });

  it.each([
    ['an unknown format', [{ width: 256, format: 'gif' }], 'thumbnails.0', /format: Invalid option: expected one of "jpeg"\|"png"\|"webp"\|"avif"/],
    ['a quality out of range', [{ width: 256, format: 'webp', quality: 0 }], 'thumbnails.0.quality', /Too small/],
    ['a quality for png', [{ width: 256, format: 'png', quality: 50 }], 'thumbnails.0.quality', /png is lossless/],
    ['an object without a width', [{ format: 'webp' }], 'thumbnails.0', /width: Invalid input: expected number/],
    ['an unknown key', [{ width: 256, size: 2 }], 'thumbnails.0', /Unrecognized key: "size"/],
    ['a width as a string', ['256'], 'thumbnails.0', /must be a width \(an integer from 1 to 4096\) or \{width, format, quality\}/],
    ['a width too large', [5000], 'thumbnails.0', /Too big/],
    ['the same thumbnail twice', [256, { width: 256 }], 'thumbnails', /must not name the same thumbnail twice/],
    ['the same format twice', [{ width: 64, format: 'webp' }, { width: 64, format: 'webp' }], 'thumbnails', /must not name the same thumbnail twice/],
    ['more than 4', [1, 2, 3, 4, 5], 'thumbnails', /at most 4 thumbnails/],
    ['none', [], 'thumbnails', /Too small/],
  ])('refuses %s with a 400 naming it', (_case, thumbnails, path, message) => {
    const result = task(thumbnails);
    expect(result).toMatchObject({ status: 400, errors: [{ path, message: expect.stringMatching(message) }] });
  });
});

describe('thumbnails option: a batch request', () => {
  it('takes the same field in a JSON body', () => {
    expect(parse(requestBatchBody, { urls: ['http://127.0.0.1/'], thumbnails: [{ width: 256, format: 'webp' }] })).toEqual({
      accepted: expect.objectContaining({ thumbnails: [{ width: 256, format: 'webp' }] }),
    });
    expect(parse(requestBatchBody, { urls: ['http://127.0.0.1/'], thumbnails: [{ width: 256, format: 'bmp' }] })).toMatchObject({ status: 400, errors: [{ path: 'thumbnails.0' }] });
  });

  it('takes an upload\'s thumbnails=, thumbnailFormat= and thumbnailQuality= as the same option', () => {
    expect(parse(requestBatchQuery, { thumbnails: '256,128', thumbnailFormat: 'webp', thumbnailQuality: '70' })).toEqual({
      accepted: expect.objectContaining({ thumbnails: [{ width: 256, format: 'webp', quality: 70 }, { width: 128, format: 'webp', quality: 70 }] }),
    });
    expect(parse(requestBatchQuery, { thumbnails: '256' })).toEqual({ accepted: expect.objectContaining({ thumbnails: [256] }) });
    expect(parse(requestBatchQuery, {})).toEqual({ accepted: expect.not.objectContaining({ thumbnails: expect.anything() }) });
  });

  it.each([
    ['widths that are not numbers', { thumbnails: '256,big' }, 'thumbnails', /comma-separated widths/],
    ['an unknown format', { thumbnails: '256', thumbnailFormat: 'gif' }, 'thumbnailFormat', /format: Invalid option/],
    ['a quality that is not an integer', { thumbnails: '256', thumbnailFormat: 'webp', thumbnailQuality: 'high' }, 'thumbnailQuality', /integer from 1 to 100/],
    ['a quality past 100', { thumbnails: '256', thumbnailFormat: 'webp', thumbnailQuality: '101' }, 'thumbnailQuality', /Too big/],
    ['a quality for png', { thumbnails: '256', thumbnailFormat: 'png', thumbnailQuality: '50' }, 'thumbnailQuality', /png is lossless/],
    ['a format without widths', { thumbnailFormat: 'webp' }, 'thumbnailFormat', /needs thumbnails/],
    ['a width twice', { thumbnails: '64,64' }, 'thumbnails', /the same thumbnail twice/],
  ])('refuses an upload query with %s, naming the parameter', (_case, query, path, message) => {
    expect(parse(requestBatchQuery, query)).toMatchObject({ status: 400, errors: [{ path, message: expect.stringMatching(message) }] });
  });
});

describe('thumbnails option: the events', () => {
  const requested = { taskId: 't', url: 'http://127.0.0.1/', collect: ['images'], requestedAt: '2026-01-01T00:00:00.000Z' };

  it('parses a TaskRequested written before formats existed (plain widths) and one with formats', () => {
    expect(taskRequested.parse({ ...requested, thumbnails: [256] }).thumbnails).toEqual([256]);
    expect(taskRequested.parse({ ...requested, thumbnails: [256, { width: 128, format: 'webp', quality: 70 }] }).thumbnails).toEqual([256, { width: 128, format: 'webp', quality: 70 }]);
    expect(taskRequested.safeParse({ ...requested, thumbnails: [{ width: 128, format: 'gif' }] }).success).toBe(false);
  });

  it('parses batch options with and without thumbnails', () => {
    expect(batchOptions.parse({ collect: ['images'], respectRobots: true }).thumbnails).toBeUndefined();
    expect(batchOptions.parse({ collect: ['images'], respectRobots: true, thumbnails: [{ width: 256, format: 'webp' }] }).thumbnails).toEqual([{ width: 256, format: 'webp' }]);
  });
});
