import type { RecordedEvent } from '@trawl/event-store';
import { batchIdFromStreamName, toBatchEvent, type BatchEvent } from '@trawl/domain';
import type { BatchView, ReadModelStore, TaskView } from '@trawl/read-models';
import { applyTaskChange, contributionOf, projectBatchEvent } from './batch-view.projection';
import { alreadyApplied } from './log-position';

interface BatchStep {
  batchId: string;
  event: BatchEvent;
  recorded: RecordedEvent;
}

/** The events of batch streams in an event batch, in log order. */
export function batchSteps(batch: readonly RecordedEvent[]): BatchStep[] {
  const steps: BatchStep[] = [];
  for (const recorded of batch) {
    const batchId = batchIdFromStreamName(recorded.streamName);
    const event = batchId ? toBatchEvent(recorded) : null;
    if (batchId && event) steps.push({ batchId, event, recorded });
  }
  return steps;
}

/**
 * The batch views an event batch touches, read once, changed in memory by the batch streams' events
 * and by the deltas of their tasks' views, and written once (one update per batch view per event
 * batch: FerretDB pays per update). Each view remembers the log position of the last event it counted
 * (`appliedThrough`); events at or before it are skipped, so a replay after a crash counts nothing twice.
 *
 * Views are saved before the task views (`saveCounts`), except that a batch's completion is saved
 * after them (`saveCompletions`, a second write once per batch): a reader told "completed" finds every
 * task view final. The completion is the batch's last counted event (the relay completes a batch after
 * every task settled), so the view saved first, counted through the event before it, replays it.
 */
export class BatchViewChanges {
  private readonly changed = new Set<string>();
  private readonly through = new Map<string, string>();
  private readonly completions: BatchStep[] = [];
  private constructor(
    private readonly views: Map<string, BatchView>,
    /** appliedThrough as stored: what a replay must not count again. */
    private readonly storedThrough: Map<string, string | null>,
  ) {}

  static async load(store: ReadModelStore, batchIds: Iterable<string>): Promise<BatchViewChanges> {
    const ids = [...new Set(batchIds)];
    const views = ids.length > 0 ? await store.getBatches(ids) : new Map<string, BatchView>();
    return new BatchViewChanges(views, new Map([...views].map(([id, view]) => [id, view.appliedThrough])));
  }

  applyBatchEvent(step: BatchStep): void {
    const { batchId, event, recorded } = step;
    if (alreadyApplied(recorded.position, this.storedThrough.get(batchId) ?? null)) return;
    if (event.type === 'BatchCompleted') {
      this.completions.push(step);
      return;
    }
    const next = projectBatchEvent(this.views.get(batchId) ?? null, event, { revision: Number(recorded.revision), recordedAt: recorded.recordedAt.toISOString() });
    if (next) this.set(batchId, next, recorded.position);
  }

  /** One event's change of a task view of the batch. */
  applyTaskChange(batchId: string, before: TaskView | null, after: TaskView, imageBytes: number, position: string, recordedAt: string): void {
    const view = this.views.get(batchId);
    if (!view || alreadyApplied(position, this.storedThrough.get(batchId) ?? null)) return;
    this.set(batchId, applyTaskChange(view, contributionOf(before), contributionOf(after), imageBytes, recordedAt), position);
  }

  /** Writes each view the counts changed, once, before the task views. */
  async saveCounts(store: ReadModelStore): Promise<void> {
    if (this.changed.size === 0) return;
    await store.saveBatches([...this.changed].map((id) => ({ ...this.views.get(id)!, appliedThrough: this.through.get(id)! })));
  }

  /** Writes the batches that completed in this event batch, after the task views. */
  async saveCompletions(store: ReadModelStore): Promise<void> {
    const completed = new Map<string, BatchView>();
    for (const { batchId, event, recorded } of this.completions) {
      const view = completed.get(batchId) ?? this.views.get(batchId) ?? null;
      const next = projectBatchEvent(view, event, { revision: Number(recorded.revision), recordedAt: recorded.recordedAt.toISOString() });
      if (next) completed.set(batchId, { ...next, appliedThrough: recorded.position });
    }
    if (completed.size > 0) await store.saveBatches([...completed.values()]);
  }

  private set(batchId: string, view: BatchView, position: string): void {
    this.views.set(batchId, view);
    this.changed.add(batchId);
    const known = this.through.get(batchId);
    if (known === undefined || !alreadyApplied(position, known)) this.through.set(batchId, position);
  }
}
