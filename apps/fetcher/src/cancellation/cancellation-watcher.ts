import type { EventStore, Subscription } from '@trawl/event-store';
import { taskIdFromStreamName } from '@trawl/domain';
import type { TaskCancellations } from './task-cancellations';

/**
 * Follows the event log from its head (not from a checkpoint: a cancel before this process started
 * is seen by the job itself, which loads or caches the task's state) and tells the registry of every
 * TaskCancelled, so that the jobs of that task in this process are aborted. Every fetcher process
 * runs one: a cancel reaches all of them, whichever holds the task's jobs.
 */
export class CancellationWatcher {
  private subscription?: Subscription;

  constructor(
    private readonly eventStore: EventStore,
    private readonly cancellations: TaskCancellations,
    private readonly onError: (error: unknown) => void,
  ) {}

  async start(): Promise<void> {
    const from = await this.eventStore.headPosition();
    this.subscription = this.eventStore.subscribeToAll({
      from,
      onEvent: async (event) => {
        if (event.type !== 'TaskCancelled') return;
        const taskId = taskIdFromStreamName(event.streamName);
        if (taskId) this.cancellations.cancel(taskId);
      },
      onError: (error) => {
        // Cancels are then seen only when a job starts (the state check): degraded, not broken.
        this.onError(error);
        setTimeout(() => void this.start().catch((retryError: unknown) => this.onError(retryError)), 5000).unref();
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }
}
