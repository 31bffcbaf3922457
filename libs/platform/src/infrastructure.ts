import { mkdir } from 'node:fs/promises';
import { createBlobStore, type BlobStore } from '@trawl/blob-store';
import type { TrawlConfig } from '@trawl/config';
import { createEventStore, type EventStore } from '@trawl/event-store';
import { createJobBus, type JobBus } from '@trawl/job-bus';
import type { TrawlMetrics } from '@trawl/metrics';
import { createReadModelStore, type ReadModelStore } from '@trawl/read-models';
import { TimedEventStore } from './timed-event-store';

/** The adapters of one process, chosen by configuration. */
export interface Infrastructure {
  eventStore: EventStore;
  jobBus: JobBus;
  readModels: ReadModelStore;
  blobStore: BlobStore;
  close(): Promise<void>;
}

/** `metrics`: when given, appends are timed (see TimedEventStore). */
export async function createInfrastructure(config: TrawlConfig, options: { metrics?: TrawlMetrics } = {}): Promise<Infrastructure> {
  await mkdir(config.dataDir, { recursive: true });
  const adapter = await createEventStore(config.eventStore);
  const eventStore = options.metrics ? new TimedEventStore(adapter, options.metrics) : adapter;
  const jobBus = await createJobBus(config.jobBus);
  const readModels = await createReadModelStore(config.readModels);
  const blobStore = await createBlobStore(config.blobStore);
  return {
    eventStore,
    jobBus,
    readModels,
    blobStore,
    // Reverse order of creation: the bus stops before the stores its handlers write to.
    async close() {
      await jobBus.close();
      await Promise.allSettled([blobStore.close(), readModels.close()]);
      await eventStore.close();
    },
  };
}
