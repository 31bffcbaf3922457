import { emptyBatchCounts, type BatchView } from '@trawl/read-models';
import { webhookDeliveryId } from '@trawl/webhooks';
import { batchDelivery, batchDeliveryId } from './batch-webhook-payload';
import type { WatchedBatch } from './watched-batch';

const base = 'http://127.0.0.1:3000';
const batch: WatchedBatch = {
  batchId: 'b1', webhook: { url: 'http://127.0.0.1:9/hook', events: ['final', 'progress'] }, status: 'completed', cancelRequested: false,
  tasks: 3, released: 3, completed: 2, failed: 1, cancelled: 0,
};
const recorded = { revision: 7n, recordedAt: new Date('2026-12-01T10:00:00Z') };
const view = { counts: { ...emptyBatchCounts(3), images: { found: 5, stored: 4, failed: 1 }, bytesStored: 1234 } } as BatchView;

describe('batch webhook payload', () => {
  it('reports a final status with the task counts, the image counts of the view and the links', () => {
    const delivery = batchDelivery(batch, 'final', recorded, base, view);
    expect(delivery).toEqual({ id: delivery.id, url: 'http://127.0.0.1:9/hook', eventType: 'batch.completed', payload: expect.anything() });
    expect(delivery.payload).toEqual({
      id: webhookDeliveryId('batch', 'b1', 'completed'),
      type: 'batch.completed',
      createdAt: '2026-12-01T10:00:00.000Z',
      data: {
        kind: 'batch', id: 'b1', status: 'completed',
        counts: { tasks: 3, completed: 2, failed: 1, cancelled: 0, imagesFound: 5, imagesStored: 4, imagesFailed: 1, bytesStored: 1234 },
        links: {
          self: `${base}/api/v1/batches/b1`, tasks: `${base}/api/v1/batches/b1/tasks`, results: `${base}/api/v1/batches/b1/results`,
          progress: `${base}/api/v1/batches/b1/progress`, exports: `${base}/api/v1/batches/b1/exports`,
        },
      },
    });
  });

  it('knows the idempotency key before the body, and it does not depend on the view or the time', () => {
    const id = batchDeliveryId(batch, 'final', recorded.revision);
    expect(batchDelivery(batch, 'final', recorded, base, null).id).toBe(id);
    expect(batchDelivery(batch, 'final', { revision: 9n, recordedAt: new Date() }, base, view).id).toBe(id);
    expect(batchDelivery({ ...batch, status: 'cancelled' }, 'final', recorded, base, null)).toMatchObject({ eventType: 'batch.cancelled', payload: { data: { status: 'cancelled' } } });
  });

  it('numbers progress by the stream revision, with the released count, and without image counts when the view is missing', () => {
    const running = { ...batch, status: 'running' as const, completed: 1, failed: 0 };
    const progress = batchDelivery(running, 'progress', recorded, base, null);
    expect(progress.id).toBe(batchDeliveryId(running, 'progress', 7n));
    expect(progress.id).not.toBe(batchDeliveryId(running, 'progress', 8n));
    expect(progress.payload).toMatchObject({ type: 'batch.progress', data: { status: 'progress', counts: { tasks: 3, released: 3, completed: 1, failed: 0, cancelled: 0 } } });
    expect(Object.keys((progress.payload as { data: { counts: object } }).data.counts)).not.toContain('imagesStored');
  });
});
