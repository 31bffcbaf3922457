import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { CheckpointWriter, ResilientSubscription, SubscriptionRegistry } from '@trawl/platform';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { applyToReadModels } from './task-projection';
import { TaskMemory } from './task-memo';
import { PROJECTOR_SUBSCRIPTION } from './projector-subscription';

export { PROJECTOR_SUBSCRIPTION } from './projector-subscription';
/**
 * Events the projector applies at once: each task of a batch is written once. Big, because on FerretDB
 * a task whose events straddle two batches costs an update that scans the tasks collection.
 */
const PROJECTION_BATCH = 5000;

/** Builds the read models from the event store through a checkpointed catch-up subscription. */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectorService.name);
  private readonly subscription: ResilientSubscription;
  /** What this process wrote for the tasks still in flight, so that their next events need no read. */
  private readonly memory = new TaskMemory();

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    subscriptions: SubscriptionRegistry,
  ) {
    this.subscription = new ResilientSubscription({
      eventStore,
      checkpoints: new CheckpointWriter(readModels, PROJECTOR_SUBSCRIPTION),
      onBatch: (events) => applyToReadModels(this.readModels, events, this.memory),
      maxBatch: PROJECTION_BATCH,
      onFailure: (error, retryInMs) => this.logger.warn(`projector subscription failed (${String(error)}); resubscribing in ${retryInMs} ms`),
    });
    subscriptions.add(PROJECTOR_SUBSCRIPTION, this.subscription);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.subscription.start();
    this.logger.log('projector subscribed');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription.stop();
  }
}
