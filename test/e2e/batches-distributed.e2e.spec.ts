import { describeBatches } from '../support/batch-e2e-suite';
import { startDistributedTrawl } from '../support/trawl-deployment';

// Fewer URLs than embedded: every page of the loopback site is on one host, so its jobs share one Kafka
// partition (one fetcher at a time), which on the shared 2-core test machine runs about 1-3 tasks a second.
describeBatches('distributed: kafka, ferretdb, sqlite event store', () => startDistributedTrawl({ fetchers: 2 }), { projector: 'projector', pages: 90, missing: 10, timeoutMs: 150_000 });
