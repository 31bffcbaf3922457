import { formatComment, formatMessage, parseLastEventId } from './sse-message';

describe('Server-Sent Events on the wire', () => {
  it('writes id, event and data, then the blank line that dispatches the message', () => {
    expect(formatMessage({ id: 42, event: 'progress', data: '{"a":1}' })).toBe('id: 42\nevent: progress\ndata: {"a":1}\n\n');
    expect(formatComment('heartbeat')).toBe(': heartbeat\n\n');
  });

  it('reads Last-Event-ID as a revision, and anything else as no id', () => {
    expect(parseLastEventId('17')).toBe(17);
    expect(parseLastEventId(' 17 ')).toBe(17);
    expect(parseLastEventId(['3', '4'])).toBe(3);
    for (const bad of [undefined, '', 'abc', '-1', '1.5', '9'.repeat(16)]) expect(parseLastEventId(bad)).toBeNull();
  });
});
