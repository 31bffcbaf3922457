import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type Subscription } from '@trawl/event-store';
import { CheckpointWriter } from '@trawl/platform';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { applyToReadModels } from './task-projection';

export const PROJECTOR_SUBSCRIPTION = 'projector';

/** Builds the read models from the event store through a checkpointed catch-up subscription. */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectorService.name);
  private readonly checkpoints: CheckpointWriter;
  private subscription?: Subscription;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {
    this.checkpoints = new CheckpointWriter(readModels, PROJECTOR_SUBSCRIPTION);
  }

  async onApplicationBootstrap(): Promise<void> {
    const from = (await this.checkpoints.load()) ?? undefined;
    this.subscription = this.eventStore.subscribeToAll({
      from,
      onEvent: async (event) => {
        await applyToReadModels(this.readModels, event);
        await this.checkpoints.advance(event.position);
      },
      onError: (error) => this.logger.error(`projector subscription stopped: ${String(error)}`),
    });
    this.logger.log(`projector subscribed from ${from ?? 'the start'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    await this.checkpoints.flush();
  }
}
