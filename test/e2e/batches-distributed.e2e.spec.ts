import { describeBatches } from '../support/batch-e2e-suite';
import { startDistributedTrawl } from '../support/trawl-deployment';

// The suite's shape at 100 URLs (90 pages, 10 missing) by default; TRAWL_E2E_DISTRIBUTED_BATCH_PAGES=990 runs
// the embedded suite's 1,000-URL batch. Measured 2026-12-01 on the shared 2-core machine (load ~20): it passes,
// the batch done after 578 s (suite 654 s), too long for CI's budget. Both sides are slow there: the fetchers
// finish at ~1.8 tasks/s (the relay keeps TRAWL_BATCH_WINDOW=32 tasks in flight, ~18 s each end to end), and
// the projector on FerretDB stays 2,000-3,500 events behind in cycles of 60-120 s that grow with the batch
// (each update of an existing task view costs 70-400 ms at 1,000 views stored).
const pages = Number(process.env.TRAWL_E2E_DISTRIBUTED_BATCH_PAGES ?? 90);
describeBatches('distributed: kafka, ferretdb, sqlite event store', () => startDistributedTrawl({ fetchers: 2 }), {
  projector: 'projector',
  pages,
  missing: 10,
  timeoutMs: pages > 500 ? 600_000 : 150_000,
});
