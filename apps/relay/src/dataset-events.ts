import type { EventStore, RecordedEvent } from '@trawl/event-store';
import { countOutcomes, foldTaskEvents, toTaskEvent, type TaskEvent } from '@trawl/domain';
import type { DatasetEvent } from '@trawl/tasks';

const FINAL_TYPES = { TaskCompleted: 'DatasetReady', TaskFailed: 'DatasetFailed', TaskCancelled: 'DatasetCancelled' } as const;

/**
 * The public "dataset ready" message for a final event, or null. Read from the task's stream, so the
 * message carries the URL and the counts as they were when the task finished.
 */
export async function datasetEventFor(event: TaskEvent, recorded: RecordedEvent, store: EventStore): Promise<DatasetEvent | null> {
  if (!(event.type in FINAL_TYPES)) return null;
  const earlier = await store.readStream(recorded.streamName, { maxCount: Number(recorded.revision) + 1 });
  const state = foldTaskEvents(earlier.map(toTaskEvent).filter((e): e is TaskEvent => e !== null));
  if (!state) return null;
  // A second final event of the same run (a race lost to the first) announces nothing; a requeue
  // (ADR 0005) starts a run whose final event is announced again.
  const runStart = earlier.findLastIndex((e) => e.type === 'TaskRequeued');
  const firstFinal = earlier.slice(runStart + 1).find((e) => e.type in FINAL_TYPES);
  if (firstFinal?.id !== recorded.id) return null;
  const { stored, failed } = countOutcomes(state);
  return {
    type: FINAL_TYPES[event.type as keyof typeof FINAL_TYPES],
    schemaVersion: 1,
    taskId: state.taskId,
    url: state.url,
    status: state.status as DatasetEvent['status'],
    imagesStored: stored,
    imagesFailed: failed,
    error: event.type === 'TaskFailed' ? event.data.error : null,
    occurredAt: recorded.recordedAt.toISOString(),
  };
}
