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
 * batch: FerretDB pays per update). Each view remembers the log position it has counted through, and
 * events at or before it are skipped, so a replay after a crash counts nothing twice.
 */
export class BatchViewChanges {
  private readonly changed = new Set<string>();
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

  applyBatchEvent({ batchId, event, recorded }: BatchStep): void {
    if (alreadyApplied(recorded.position, this.storedThrough.get(batchId) ?? null)) return;
    const next = projectBatchEvent(this.views.get(batchId) ?? null, event, { revision: Number(recorded.revision), recordedAt: recorded.recordedAt.toISOString() });
    if (next) this.set(batchId, next);
  }

  /** One event's change of a task view of the batch. */
  applyTaskChange(batchId: string, before: TaskView | null, after: TaskView, imageBytes: number, position: string, recordedAt: string): void {
    const view = this.views.get(batchId);
    if (!view || alreadyApplied(position, this.storedThrough.get(batchId) ?? null)) return;
    this.set(batchId, applyTaskChange(view, contributionOf(before), contributionOf(after), imageBytes, recordedAt));
  }

  /** Writes each changed view once, marked as counted through the event batch's last position. */
  async save(store: ReadModelStore, lastPosition: string): Promise<void> {
    if (this.changed.size === 0) return;
    await store.saveBatches([...this.changed].map((id) => ({ ...this.views.get(id)!, appliedThrough: lastPosition })));
  }

  private set(batchId: string, view: BatchView): void {
    this.views.set(batchId, view);
    this.changed.add(batchId);
  }
}
