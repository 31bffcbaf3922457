import type { OnModuleDestroy, Provider } from '@nestjs/common';
import { BLOB_STORE, type BlobStore } from '@trawl/blob-store';
import type { TrawlConfig } from '@trawl/config';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { TRAWL_CONFIG } from '@trawl/platform';
import { TaskStreams, TextReExtractor } from '@trawl/tasks';

/** One re-extraction worker per API process, started on first use, stopped with the process. */
export class ApiTextReExtractor extends TextReExtractor implements OnModuleDestroy {
  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}

export const textReExtractorProvider: Provider = {
  provide: ApiTextReExtractor,
  inject: [EVENT_STORE, BLOB_STORE, TRAWL_CONFIG],
  useFactory: (events: EventStore, blobs: BlobStore, config: TrawlConfig) =>
    new ApiTextReExtractor(new TaskStreams(events), blobs, { timeoutMs: config.env.TRAWL_PARSE_TIMEOUT_MS, maxHeapMb: config.env.TRAWL_PARSE_MEMORY_MB }),
};
