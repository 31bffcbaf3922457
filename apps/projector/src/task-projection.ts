import type { RecordedEvent } from '@trawl/event-store';
import { taskIdFromStreamName, toTaskEvent, type TaskEvent } from '@trawl/domain';
import type { ImageStatus, ImageView, ReadModelStore, TaskView } from '@trawl/read-models';
import { projectImageRows, projectTaskView } from '@trawl/tasks';
import { BatchViewChanges, batchSteps } from './batch-projection';
import { RetentionChanges } from './retention-projection';

interface TaskStep {
  event: TaskEvent;
  revision: number;
  recordedAt: string;
  position: string;
}

/** Told of each event's change of a task view, for the counts of the task's batch. */
type OnTaskChange = (before: TaskView | null, after: TaskView, imageBytes: number, step: TaskStep) => void;

/**
 * Applies a batch of recorded events (in log order) to the read models: each task's view is read
 * once, folded through all of its events in memory and written once; the image rows of the whole
 * batch are written together. A store pays per write, not per event (on FerretDB an update costs
 * tens of milliseconds), so this is what lets the projector keep up with thousands of image events.
 *
 * Safe to apply twice: a view skips events at or below its revision, and image rows are written
 * once (the first outcome is final). Rows are written before views, so that a reader who sees a task
 * completed finds all its image rows. A crash between the two replays the batch: the view counts an
 * outcome whose row is already there when that row was written by this very event (same revision).
 */
export async function applyToReadModels(store: ReadModelStore, batch: readonly RecordedEvent[]): Promise<void> {
  const byTask = stepsByTask(batch);
  const batchEvents = batchSteps(batch);
  if (byTask.size === 0 && batchEvents.length === 0) return;
  const views = byTask.size > 0 ? await store.getTasks([...byTask.keys()]) : new Map<string, TaskView>();
  // Batch views: those whose stream has events here, and those of the tasks that have (see ADR 0006).
  const batches = await BatchViewChanges.load(store, [...batchEvents.map((step) => step.batchId), ...batchIdsOf(views, byTask)]);
  for (const step of batchEvents) batches.applyBatchEvent(step);
  const onChange: OnTaskChange = (before, after, imageBytes, step) => {
    const batchId = after.batchId ?? before?.batchId;
    if (batchId) batches.applyTaskChange(batchId, before, after, imageBytes, step.position, step.recordedAt);
  };
  const nextViews: TaskView[] = [];
  const rows: ImageView[] = [];
  const retention = new RetentionChanges();
  for (const [taskId, steps] of byTask) {
    const images = await knownImages(store, taskId, steps);
    const { view, changed } = foldTask(views.get(taskId) ?? null, steps, images, rows, onChange);
    if (changed && view) nextViews.push(view);
    retention.addTask(taskId, steps.map((step) => step.event), view);
  }
  if (rows.length > 0) await store.saveImages(rows);
  await retention.removeExpiredContent(store);
  await retention.saveReferences(store);
  // Batch counts before task views: a crash between them replays the tasks' events, which the batch
  // views skip (counted through their positions); the other way round, their deltas would be lost.
  // A batch's completion after them, so that "completed" means every task view is final.
  await batches.saveCounts(store);
  if (nextViews.length > 0) await store.saveTasks(nextViews);
  await batches.saveCompletions(store);
}

function batchIdsOf(views: Map<string, TaskView>, byTask: Map<string, TaskStep[]>): string[] {
  const ids: string[] = [];
  for (const view of views.values()) if (view.batchId) ids.push(view.batchId);
  for (const steps of byTask.values()) {
    const first = steps[0].event;
    if (first.type === 'TaskRequested' && first.data.batchId) ids.push(first.data.batchId);
  }
  return ids;
}

/** What the fold needs of a task's images: status (to count an outcome once) and discovery order. */
interface ImageFacts {
  status: Map<string, ImageStatus>;
  ordinal: Map<string, number>;
  /** The revision of the event that wrote a stored outcome row. */
  outcomeRevision: Map<string, number>;
}

function foldTask(start: TaskView | null, steps: readonly TaskStep[], images: ImageFacts, rows: ImageView[], onChange?: OnTaskChange): { view: TaskView | null; changed: boolean } {
  let view = start;
  let changed = false;
  for (const step of steps) {
    const { event, revision, recordedAt } = step;
    const previousImageStatus = isOutcome(event) ? previousStatus(images, event.data.imageId, revision) : null;
    // Outcomes recorded after a cancel (downloads that were already finishing) are kept in the log
    // but shown nowhere: the task's counts and its images stay as they were when it was cancelled.
    const afterCancel = isOutcome(event) && (view?.status === 'cancelled' || view?.status === 'expired');
    const next = projectTaskView(view, event, { revision, recordedAt, previousImageStatus });
    if (next) {
      const storedOne = event.type === 'ImageStored' && next.progress.imagesStored > (view?.progress.imagesStored ?? 0);
      // An expiry leaves the batch's counts as the task ended (ADR 0009).
      if (next.status !== 'expired') onChange?.(view, next, storedOne ? (event.data as { bytes: number }).bytes : 0, step);
      view = next;
      changed = true;
    }
    if (afterCancel) continue;
    for (const row of projectImageRows(event, { revision, recordedAt, ordinalOf: (id) => images.ordinal.get(id) })) {
      const known = images.status.get(row.id);
      if (row.status === 'pending') {
        if (known === undefined) images.status.set(row.id, 'pending');
        if (!images.ordinal.has(row.id)) images.ordinal.set(row.id, row.ordinal);
      } else if (known !== 'stored' && known !== 'failed') {
        images.status.set(row.id, row.status);
      }
      rows.push(row);
    }
  }
  return { view, changed };
}

/** The stored rows of the images whose outcomes the batch holds (one read per task). */
async function knownImages(store: ReadModelStore, taskId: string, steps: readonly TaskStep[]): Promise<ImageFacts> {
  const ids = steps.flatMap(({ event }) => (isOutcome(event) ? [event.data.imageId] : []));
  const stored = ids.length > 0 ? await store.getImages(taskId, ids) : new Map<string, ImageView>();
  const facts: ImageFacts = { status: new Map(), ordinal: new Map(), outcomeRevision: new Map() };
  for (const [id, row] of stored) {
    facts.status.set(id, row.status);
    facts.ordinal.set(id, row.ordinal);
    if (row.status !== 'pending') facts.outcomeRevision.set(id, row.revision);
  }
  return facts;
}

/** The image's status before the outcome at `revision`: a stored row written by that same event does not count. */
function previousStatus(images: ImageFacts, imageId: string, revision: number): ImageStatus | null {
  const status = images.status.get(imageId) ?? null;
  return status !== 'pending' && images.outcomeRevision.get(imageId) === revision ? 'pending' : status;
}

function stepsByTask(batch: readonly RecordedEvent[]): Map<string, TaskStep[]> {
  const byTask = new Map<string, TaskStep[]>();
  for (const recorded of batch) {
    const taskId = taskIdFromStreamName(recorded.streamName);
    const event = toTaskEvent(recorded);
    if (!taskId || !event) continue;
    const step = { event, revision: Number(recorded.revision), recordedAt: recorded.recordedAt.toISOString(), position: recorded.position };
    const steps = byTask.get(taskId);
    if (steps) steps.push(step);
    else byTask.set(taskId, [step]);
  }
  return byTask;
}

function isOutcome(event: TaskEvent): event is Extract<TaskEvent, { type: 'ImageStored' | 'ImageFailed' }> {
  return event.type === 'ImageStored' || event.type === 'ImageFailed';
}
