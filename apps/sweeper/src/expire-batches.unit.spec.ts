import { emptyBatchCounts, type BatchView } from '@trawl/read-models';
import { decideBatchExpiry } from './expire-batches';

const now = new Date('2026-06-01T00:00:00.000Z');
function aBatch(overrides: Partial<BatchView> = {}): BatchView {
  return {
    id: 'b', status: 'completed', options: { collect: ['text'], respectRobots: true }, counts: emptyBatchCounts(2), duplicates: 0, rejected: 0, released: 2,
    cancelled: false, completedAt: '2026-05-01T00:00:00.000Z', createdAt: '2026-05-01T00:00:00.000Z', updatedAt: '2026-05-01T00:00:00.000Z', revision: 3, appliedThrough: null, sequence: 9, ...overrides,
  };
}

describe('decideBatchExpiry', () => {
  it('expires a finished batch once none of its tasks is live, naming its own expiresAt when that passed', () => {
    expect(decideBatchExpiry(aBatch({ options: { collect: ['text'], respectRobots: true, expiresAt: '2026-05-31T00:00:00.000Z' } }), 0, now)).toEqual({ expired: true, reason: 'expires-at' });
    expect(decideBatchExpiry(aBatch({ status: 'cancelled', cancelled: true }), 0, now)).toEqual({ expired: true, reason: 'retention' });
  });

  it('keeps a batch with a live task, and one still running', () => {
    expect(decideBatchExpiry(aBatch(), 1, now)).toEqual({ expired: false });
    expect(decideBatchExpiry(aBatch({ status: 'running', completedAt: null }), 0, now)).toEqual({ expired: false });
  });
});
