import { restartWithHeapFlags } from '@trawl/workers';

// First, before the role loads: a fetcher runs thousands of small jobs whose objects die young, and with
// V8's machine-sized heap its resident memory peaked at 461 to 485 MiB on a 10,000-image page for under
// 100 MiB of live objects; with these bounds, 275 MiB (memory bench, 2026-12-01). 512 MiB of old generation
// leaves room for the task states a fetcher caches (TaskStateCache); an operator may give other values.
restartWithHeapFlags(['--max-semi-space-size=4', '--max-old-space-size=512']);

// Required, not imported: an import would be hoisted above the restart and load the role twice.
const { runRole } = require('../../trawl/src/run-role') as typeof import('../../trawl/src/run-role');
runRole('fetcher');
