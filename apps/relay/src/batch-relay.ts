import type { RecordedEvent } from '@trawl/event-store';
import { batchSteps, decideBatch, evolveBatch, toBatchEvent, type BatchState, type BatchStreams, type BatchStepEvent, type TaskEvent } from '@trawl/domain';
import type { TaskStreams } from '@trawl/tasks';
import { batchDatasetEvent, type BatchDatasetEvent } from './batch-dataset-event';
import { cancelUnsettledTasks, requestReleasedTasks } from './batch-release';

const FINISHED_MEMORY = 10_000;
const SETTLING = { TaskCompleted: 'completed', TaskFailed: 'failed', TaskCancelled: 'cancelled' } as const;

export interface BatchRelayPorts {
  batches: BatchStreams;
  tasks: TaskStreams;
  /** The first event of a task's stream (its TaskRequested), for a task first seen at its end. */
  firstTaskEvent(taskId: string): Promise<RecordedEvent | undefined>;
  publishDataset(message: BatchDatasetEvent, recorded: RecordedEvent): Promise<void>;
  /** TRAWL_BATCH_WINDOW: most unfinished tasks of one batch. */
  window: number;
}

/**
 * The relay's part in batches, driven by the log in order. It releases a window of tasks per batch
 * (BatchTasksReleased, then their TaskRequested), settles each task of a batch when its final event
 * passes (BatchTaskSettled), releases more as tasks settle, completes the batch when every task
 * settled, and publishes one dataset message per batch. State is folded from the batch's events as
 * they pass (hydrated from the stream when a batch is first seen after a restart), and decisions are
 * appended with deterministic ids, so a replay appends nothing twice.
 */
export class BatchRelay {
  private readonly live = new Map<string, BatchState>();
  private readonly finished = new Set<string>();
  private readonly batchOfTask = new Map<string, string>();
  /**
   * The last release this relay appended per batch, until it comes back through the log: a decision
   * made meanwhile counts it as released, or each settled task seen before it returned would decide a
   * release of its own, one wider each (309 of a 500-URL batch's releases were those). In memory only:
   * after a restart the log's state decides, as before.
   */
  private readonly releasing = new Map<string, number>();

  constructor(private readonly ports: BatchRelayPorts) {}

  async onBatchEvent(recorded: RecordedEvent, batchId: string): Promise<void> {
    const event = toBatchEvent(recorded);
    if (!event || this.finished.has(batchId)) return;
    let state = await this.stateBefore(recorded, batchId);
    const releasedBefore = state?.released ?? 0;
    state = evolveBatch(state, event);
    if (!state) return;
    this.live.set(batchId, state);
    const now = new Date();
    const correlationId = typeof recorded.metadata.correlationId === 'string' ? recorded.metadata.correlationId : undefined;
    if (event.type === 'BatchTasksReleased') {
      await requestReleasedTasks(this.ports.tasks, state, releasedBefore, state.released, correlationId, now);
      return;
    }
    if (event.type === 'BatchCompleted') {
      await this.ports.publishDataset(batchDatasetEvent(state, event.data, recorded), recorded);
      this.forget(batchId);
      return;
    }
    if (event.type === 'BatchCancelled') await cancelUnsettledTasks(this.ports.tasks, state, now);
    const decided: BatchStepEvent[] = [
      ...decideBatch({ type: 'ReleaseTasks', window: this.ports.window }, this.withReleasing(state)),
      ...decideBatch({ type: 'CompleteBatch', now }, state),
    ];
    await this.ports.batches.append(batchId, decided, { correlationId });
    for (const { event: decidedEvent } of decided) {
      if (decidedEvent.type === 'BatchTasksReleased') this.releasing.set(batchId, decidedEvent.data.upTo);
    }
  }

  /** The state with this relay's release in flight counted as made (a smaller room, never a wider window). */
  private withReleasing(state: BatchState): BatchState {
    const upTo = this.releasing.get(state.batchId);
    if (upTo === undefined || upTo <= state.released) {
      this.releasing.delete(state.batchId);
      return state;
    }
    return { ...state, released: upTo };
  }

  /** Remembers which batch a task belongs to, and settles the task in its batch at its final event. */
  async onTaskEvent(recorded: RecordedEvent, taskId: string, event: TaskEvent): Promise<void> {
    if (event.type === 'TaskRequested') {
      if (event.data.batchId) this.batchOfTask.set(taskId, event.data.batchId);
      return;
    }
    if (!(event.type in SETTLING)) return;
    const batchId = this.batchOfTask.get(taskId) ?? (await this.batchIdFromStream(taskId));
    if (!batchId) return;
    this.batchOfTask.delete(taskId);
    const status = SETTLING[event.type as keyof typeof SETTLING];
    const state = this.live.get(batchId);
    // A batch not followed yet (after a restart) is settled without its state: the id makes it once.
    const settle: BatchStepEvent[] = state
      ? decideBatch({ type: 'SettleTask', taskId, status }, state)
      : this.finished.has(batchId) ? [] : [{ step: batchSteps.settled(taskId), event: { type: 'BatchTaskSettled', data: { batchId, taskId, status } } }];
    await this.ports.batches.append(batchId, settle);
  }

  get trackedBatches(): number {
    return this.live.size;
  }

  private async batchIdFromStream(taskId: string): Promise<string | undefined> {
    const first = await this.ports.firstTaskEvent(taskId);
    const batchId = (first?.data as { batchId?: unknown } | undefined)?.batchId;
    return typeof batchId === 'string' ? batchId : undefined;
  }

  private async stateBefore(recorded: RecordedEvent, batchId: string): Promise<BatchState | null> {
    const known = this.live.get(batchId);
    if (known) return known;
    return recorded.revision === 0n ? null : this.ports.batches.load(batchId, recorded.revision);
  }

  private forget(batchId: string): void {
    this.live.delete(batchId);
    this.releasing.delete(batchId);
    this.finished.add(batchId);
    if (this.finished.size > FINISHED_MEMORY) this.finished.delete(this.finished.values().next().value!);
  }
}
