import { mkdir } from 'node:fs/promises';
import { createBlobStore, type BlobStore } from '@trawl/blob-store';
import type { TrawlConfig } from '@trawl/config';
import { createEventStore, type EventStore } from '@trawl/event-store';
import { createJobBus, type JobBus } from '@trawl/job-bus';
import { createReadModelStore, type ReadModelStore } from '@trawl/read-models';

/** The adapters of one process, chosen by configuration. */
export interface Infrastructure {
  eventStore: EventStore;
  jobBus: JobBus;
  readModels: ReadModelStore;
  blobStore: BlobStore;
  close(): Promise<void>;
}

export async function createInfrastructure(config: TrawlConfig): Promise<Infrastructure> {
  await mkdir(config.dataDir, { recursive: true });
  const eventStore = await createEventStore(config.eventStore);
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
