import { describeBatches } from '../support/batch-e2e-suite';
import { startDistributedTrawl } from '../support/trawl-deployment';

// The embedded suite's 1,000-URL batch (990 pages, 10 missing) on Kafka and FerretDB with 2 fetchers;
// TRAWL_E2E_DISTRIBUTED_BATCH_PAGES sets another size. Measured 2026-12-01 on the 2-core machine (load ~3):
// the batch done in 84 s, the suite in 112 s, with FerretDB on PostgreSQL (ADR 0014). On FerretDB's SQLite
// handler, where every update scans its collection, the same batch took 578 s (load ~20).
const pages = Number(process.env.TRAWL_E2E_DISTRIBUTED_BATCH_PAGES ?? 990);
describeBatches('distributed: kafka, ferretdb, sqlite event store', () => startDistributedTrawl({ fetchers: 2 }), {
  projector: 'projector',
  pages,
  missing: 10,
  timeoutMs: pages > 500 ? 600_000 : 150_000,
});
