import { deterministicEventId } from './event-ids';

describe('deterministicEventId', () => {
  it('is a stable RFC 9562 UUID per task and step', () => {
    const id = deterministicEventId('t1', 'page-fetched');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicEventId('t1', 'page-fetched')).toBe(id);
    expect(deterministicEventId('t2', 'page-fetched')).not.toBe(id);
    expect(deterministicEventId('t1', 'started')).not.toBe(id);
  });
});
