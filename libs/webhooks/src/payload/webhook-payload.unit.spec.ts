import { webhookDeliveryId, webhookPayload } from './webhook-payload';

const input = {
  kind: 'batch' as const,
  id: 'b1',
  status: 'completed',
  counts: { urls: 200, imagesStored: 4113 },
  links: { self: 'http://127.0.0.1:3000/api/v1/batches/b1' },
  createdAt: new Date('2026-12-01T10:00:00Z'),
};

describe('webhookPayload', () => {
  it('is typed <kind>.<status> and carries the counts and links', () => {
    expect(webhookPayload(input)).toEqual({
      id: webhookDeliveryId('batch', 'b1', 'completed'),
      type: 'batch.completed',
      createdAt: '2026-12-01T10:00:00.000Z',
      data: { kind: 'batch', id: 'b1', status: 'completed', counts: input.counts, links: input.links },
    });
  });

  it('gives the same status of the same resource the same idempotency key, whenever it is built', () => {
    const again = webhookPayload({ ...input, createdAt: new Date('2026-12-02T00:00:00Z'), counts: { urls: 200 } });
    expect(again.id).toBe(webhookPayload(input).id);
    expect(webhookPayload({ ...input, status: 'failed' }).id).not.toBe(again.id);
    expect(webhookPayload({ ...input, kind: 'task' }).id).not.toBe(again.id);
    expect(webhookPayload({ ...input, status: 'progress', sequence: 1 }).id).not.toBe(webhookPayload({ ...input, status: 'progress', sequence: 2 }).id);
    expect(again.id).toMatch(/^whd_[0-9a-f]{32}$/);
  });
});
