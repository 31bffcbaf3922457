import { parseOrThrow } from '../../http/zod-validation';
import { requestTaskBody } from '../../tasks/request-task/request-task.body';
import { requestBatchBody, requestBatchQuery } from './request-batch.body';

const urls = ['http://127.0.0.1/a'];

describe("batch request: a task's text, opt-out and reuse options", () => {
  it('takes them in a JSON body as a task request does, with the same defaults', () => {
    const task = parseOrThrow(requestTaskBody, { url: urls[0] }, 'task request');
    const batch = parseOrThrow(requestBatchBody, { urls }, 'batch request');
    expect({ reuse: batch.reuse, respectOptOuts: batch.respectOptOuts, text: batch.text }).toEqual({ reuse: task.reuse, respectOptOuts: task.respectOptOuts, text: task.text });
    expect(batch).toMatchObject({ reuse: false, respectOptOuts: true });
    expect(parseOrThrow(requestBatchBody, { urls, reuse: true, respectOptOuts: false, text: { mode: 'main' } }, 'batch request')).toMatchObject({
      reuse: true, respectOptOuts: false, text: { mode: 'main', format: 'text' },
    });
  });

  it.each([
    [{ reuse: 'yes' }, /reuse: /],
    [{ text: { mode: 'article' } }, /text\.mode: /],
    [{ text: { mode: 'main', size: 1 } }, /Unrecognized key: "size"/],
    [{ respectOptOuts: 1 }, /respectOptOuts: /],
  ])('refuses %j in a JSON body, naming the field', (options, detail) => {
    expect(() => parseOrThrow(requestBatchBody, { urls, ...options }, 'batch request')).toThrow(detail);
  });

  it('reads them from the query of an upload: reuse, respectOptOuts, textMode and textFormat', () => {
    expect(parseOrThrow(requestBatchQuery, {}, 'query')).toMatchObject({ reuse: false, respectOptOuts: true });
    expect(parseOrThrow(requestBatchQuery, {}, 'query')).not.toHaveProperty('text');
    expect(parseOrThrow(requestBatchQuery, { reuse: 'true', respectOptOuts: 'false', textFormat: 'markdown' }, 'query')).toMatchObject({
      reuse: true, respectOptOuts: false, text: { mode: 'full', format: 'markdown' },
    });
    expect(parseOrThrow(requestBatchQuery, { textMode: 'main' }, 'query')).toMatchObject({ text: { mode: 'main', format: 'text' } });
  });

  it.each([
    [{ reuse: 'yes' }, /reuse: /],
    [{ textMode: 'article' }, /textMode: /],
    [{ textFormat: 'html' }, /textFormat: /],
  ])('refuses %j in the query of an upload, naming the parameter', (query, detail) => {
    expect(() => parseOrThrow(requestBatchQuery, query, 'query')).toThrow(detail);
  });

  it('takes reuse on a task request, false by default', () => {
    expect(parseOrThrow(requestTaskBody, { url: urls[0], reuse: true }, 'task request')).toMatchObject({ reuse: true });
    expect(() => parseOrThrow(requestTaskBody, { url: urls[0], reuse: 'true' }, 'task request')).toThrow(/reuse: /);
  });
});
