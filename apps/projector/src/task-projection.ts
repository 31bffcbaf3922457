import type { RecordedEvent } from '@trawl/event-store';
import { taskIdFromStreamName, toTaskEvent } from '@trawl/domain';
import type { ReadModelStore } from '@trawl/read-models';
import { projectImageRows, projectTaskView } from '@trawl/tasks';

/**
 * Applies one recorded event to the read models. Safe to call twice with the same event: the task view
 * and the image rows are guarded by the stream revision. The task view is written before the image rows
 * (see projectTaskView for why that order keeps counts right across a crash).
 */
export async function applyToReadModels(store: ReadModelStore, recorded: RecordedEvent): Promise<void> {
  const taskId = taskIdFromStreamName(recorded.streamName);
  const event = toTaskEvent(recorded);
  if (!taskId || !event) return;
  const revision = Number(recorded.revision);
  const recordedAt = recorded.recordedAt.toISOString();
  const isOutcome = event.type === 'ImageStored' || event.type === 'ImageFailed';
  const image = isOutcome ? await store.getImage(taskId, event.data.imageId) : null;

  const view = await store.getTask(taskId);
  const next = projectTaskView(view, event, { revision, recordedAt, previousImageStatus: image?.status ?? null });
  if (next) await store.saveTask(next);

  const rows = projectImageRows(event, { revision, recordedAt, ordinalOf: () => image?.ordinal });
  if (rows.length) await store.saveImages(rows);
}
