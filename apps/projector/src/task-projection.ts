import type { RecordedEvent } from '@trawl/event-store';
import { taskIdFromStreamName, toTaskEvent, type TaskEvent } from '@trawl/domain';
import type { ImageView, ReadModelStore, TaskView } from '@trawl/read-models';
import { projectImageRows, projectTaskView } from '@trawl/tasks';
import { BatchViewChanges, batchSteps } from './batch-projection';
import { RetentionChanges } from './retention-projection';
import { BatchResultChanges } from './batch-results-projection';
import { addStoredImages, noImageFacts, previousStatus, type ImageFacts } from './image-facts';
import { TaskMemory, type TaskMemo } from './task-memo';

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
 *
 * Reads are what cost on FerretDB (each one scans its collection), so only the tasks whose stream
 * began before this batch are read (see `continuedTasks`), and not even those when `memory` holds
 * what this process wrote for them (see TaskMemory). A failed batch empties the memory.
 */
export async function applyToReadModels(store: ReadModelStore, batch: readonly RecordedEvent[], memory = new TaskMemory(0)): Promise<void> {
  try {
    await applyBatch(store, batch, memory);
  } catch (error) {
    memory.clear();
    throw error;
  }
}

async function applyBatch(store: ReadModelStore, batch: readonly RecordedEvent[], memory: TaskMemory): Promise<void> {
  const byTask = stepsByTask(batch);
  const batchEvents = batchSteps(batch);
  if (byTask.size === 0 && batchEvents.length === 0) return;
  const { views, imagesOf, complete } = await knownState(store, byTask, memory);
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
  const memos = new Map<string, TaskMemo>();
  const results = new BatchResultChanges();
  for (const [taskId, steps] of byTask) {
    const images = imagesOf.get(taskId) ?? noImageFacts();
    const firstRow = rows.length;
    const { view, changed } = foldTask(views.get(taskId) ?? null, steps, images, rows, onChange);
    results.addTask(views.get(taskId) ?? null, view, rows.slice(firstRow), images);
    if (changed && view) nextViews.push(view);
    memos.set(taskId, { view, images, complete: steps[0].revision === 0 || complete.has(taskId) });
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
  // The batches' results before their completion: a reader told "completed" finds every result row.
  await results.save(store);
  await batches.saveCompletions(store);
  for (const [taskId, memo] of memos) memory.put(taskId, memo);
}

/**
 * The stored state the fold starts from, for the tasks that need it (see continuedTasks): from the
 * memory where it has the task (reading only the outcomes' images it does not know, unless it folded
 * the task from its start), else from the store.
 */
async function knownState(store: ReadModelStore, byTask: Map<string, TaskStep[]>, memory: TaskMemory) {
  const views = new Map<string, TaskView>();
  const imagesOf = new Map<string, ImageFacts>();
  const complete = new Set<string>();
  const unread: string[] = [];
  const imageReads: Promise<unknown>[] = [];
  for (const taskId of continuedTasks(byTask)) {
    const memo = memory.take(taskId);
    const outcomeIds = byTask.get(taskId)!.flatMap(({ event }) => (isOutcome(event) ? [event.data.imageId] : []));
    if (!memo) {
      unread.push(taskId);
      imageReads.push(addStoredImages(store, taskId, outcomeIds, noImageFacts()).then((facts) => imagesOf.set(taskId, facts)));
      continue;
    }
    if (memo.view) views.set(taskId, memo.view);
    imagesOf.set(taskId, memo.images);
    if (memo.complete) complete.add(taskId);
    else imageReads.push(addStoredImages(store, taskId, outcomeIds.filter((id) => !memo.images.status.has(id)), memo.images));
  }
  const [stored] = await Promise.all([unread.length > 0 ? store.getTasks(unread) : new Map<string, TaskView>(), ...imageReads]);
  for (const [taskId, view] of stored as Map<string, TaskView>) views.set(taskId, view);
  return { views, imagesOf, complete };
}

/**
 * The tasks of the batch whose first event here is not their stream's first (revision 0): only these
 * can have a view or image rows that the batch's own events do not account for. For a task that
 * starts here, anything stored was written by an earlier attempt at these same events (a replay after
 * a crash, perhaps over a longer batch): folding from nothing gives the same view again (the revision
 * guard keeps a stored newer one), its batch counts skip by log position, and an outcome's row
 * written by its own event counts as the fold counts it, pending before that event.
 */
function continuedTasks(byTask: Map<string, TaskStep[]>): string[] {
  return [...byTask].filter(([, steps]) => steps[0].revision > 0).map(([taskId]) => taskId);
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
        images.outcomeRevision.set(row.id, revision);
      }
      rows.push(row);
    }
  }
  return { view, changed };
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
