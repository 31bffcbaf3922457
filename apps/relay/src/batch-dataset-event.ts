import type { RecordedEvent } from '@trawl/event-store';
import type { BatchEventOf, BatchState } from '@trawl/domain';

/** The public message of a finished batch on the datasets topic (one per batch; tasks keep theirs). */
export interface BatchDatasetEvent {
  type: 'BatchReady' | 'BatchCancelled';
  schemaVersion: 1;
  batchId: string;
  status: 'completed' | 'cancelled';
  counts: BatchEventOf<'BatchCompleted'>['data']['counts'];
  occurredAt: string;
}

export function batchDatasetEvent(state: BatchState, completed: BatchEventOf<'BatchCompleted'>['data'], recorded: RecordedEvent): BatchDatasetEvent {
  return {
    type: state.cancelled ? 'BatchCancelled' : 'BatchReady',
    schemaVersion: 1,
    batchId: state.batchId,
    status: state.cancelled ? 'cancelled' : 'completed',
    counts: completed.counts,
    occurredAt: recorded.recordedAt.toISOString(),
  };
}
