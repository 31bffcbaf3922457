import { describeBatches } from '../support/batch-e2e-suite';
import { startDistributedTrawl } from '../support/trawl-deployment';

// The suite's shape at 100 URLs (90 pages, 10 missing) by default. At the embedded suite's 1,000 the run is
// bound by the projector on FerretDB, not by the fetchers: measured 2026-12-01 on a loaded machine, the
// projector's lag grew to ~2,500 events while the fetchers' queues stayed at the relay's window, and each
// update of an existing task view cost ~0.4 s with 1,000 views stored (FerretDB scans for a guarded update),
// so the batch was not done after 10 minutes. TRAWL_E2E_DISTRIBUTED_BATCH_PAGES=990 runs the 1,000-URL batch.
const pages = Number(process.env.TRAWL_E2E_DISTRIBUTED_BATCH_PAGES ?? 90);
describeBatches('distributed: kafka, ferretdb, sqlite event store', () => startDistributedTrawl({ fetchers: 2 }), {
  projector: 'projector',
  pages,
  missing: 10,
  timeoutMs: pages > 500 ? 600_000 : 150_000,
});
