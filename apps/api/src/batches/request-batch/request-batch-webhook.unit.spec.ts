import { parseOrThrow } from '../../http/zod-validation';
import { requestBatchBody, requestBatchQuery } from './request-batch.body';

const urls = ['http://127.0.0.1/a'];

describe('batch request: the webhook field, shaped as a task request\'s', () => {
  it('accepts a URL or {url, events} in a JSON body, normalised to {url, events}', () => {
    expect(parseOrThrow(requestBatchBody, { urls, webhook: 'http://127.0.0.1:9/h' }, 'batch request').webhook).toEqual({ url: 'http://127.0.0.1:9/h', events: ['final'] });
    expect(parseOrThrow(requestBatchBody, { urls, webhook: { url: 'http://127.0.0.1:9/h', events: ['final', 'progress'] } }, 'batch request').webhook).toEqual({
      url: 'http://127.0.0.1:9/h',
      events: ['final', 'progress'],
    });
    expect(parseOrThrow(requestBatchBody, { urls }, 'batch request').webhook).toBeUndefined();
  });

  it.each([
    [{ url: 'http://127.0.0.1/h', events: ['progress'] }, /webhook\.events: must include final/],
    [{ url: 'http://127.0.0.1/h', secret: 'x' }, /Unrecognized key: "secret"/],
    [42, /webhook: /],
  ])('refuses %j in a JSON body', (webhook, detail) => {
    expect(() => parseOrThrow(requestBatchBody, { urls, webhook }, 'batch request')).toThrow(detail);
  });

  it('reads webhook and webhookEvents from the query of an upload', () => {
    expect(parseOrThrow(requestBatchQuery, { webhook: 'http://127.0.0.1:9/h' }, 'query')).toMatchObject({ webhook: { url: 'http://127.0.0.1:9/h', events: ['final'] } });
    expect(parseOrThrow(requestBatchQuery, { webhook: 'http://127.0.0.1:9/h', webhookEvents: 'final, progress' }, 'query')).toMatchObject({ webhook: { events: ['final', 'progress'] } });
    expect(parseOrThrow(requestBatchQuery, {}, 'query')).not.toHaveProperty('webhook');
  });

  it.each([
    [{ webhookEvents: 'final' }, /webhookEvents: needs webhook/],
    [{ webhook: 'http://127.0.0.1:9/h', webhookEvents: 'progress' }, /webhookEvents: must include final/],
    [{ webhook: 'http://127.0.0.1:9/h', webhookEvents: 'final,sometimes' }, /webhookEvents: unknown kind "sometimes"/],
    [{ webhook: '' }, /webhook: must not be empty/],
  ])('refuses the query %j, naming the parameter', (query, detail) => {
    expect(() => parseOrThrow(requestBatchQuery, query, 'query')).toThrow(detail);
  });
});
