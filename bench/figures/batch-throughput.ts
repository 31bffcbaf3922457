import { performance } from 'node:perf_hooks';
import type { BenchContext } from '../context';
import type { Figure } from '../report';
import { benchEnv } from '../trawl/bench-env';
import { startEmbeddedBenchTrawl } from '../trawl/embedded';
import { timeTasks } from '../trawl/throughput';
import type { Bench } from './bench';

const TIMEOUT_MS = 5 * 60_000;
const FINAL_BATCH = new Set(['completed', 'cancelled', 'failed']);

interface BatchView {
  status: string;
  counts: { tasks: Record<string, number> };
}

/**
 * Issue 10: the same 500 corpus URLs collected (text) as one batch (`POST /api/v1/batches`, timed until
 * the batch view is final) and as 500 tasks of one POST each (the side-by-side figure's way), each on a
 * fresh embedded trawl. The ratio says what a batch costs or saves end to end: its window fairness and
 * batch bookkeeping against 500 requests and their per-task views.
 */
async function measure(ctx: BenchContext): Promise<Figure[]> {
  const site = await ctx.corpusSite();
  const batch = await startEmbeddedBenchTrawl(benchEnv());
  let batchSeconds: number;
  let batchCounts: Record<string, number>;
  try {
    site.resetCounts();
    const started = performance.now();
    const response = await batch.client.request('/api/v1/batches', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls: site.urls, collect: ['text'] }),
    });
    const accepted = (await response.json()) as { id: string; accepted: number };
    if (response.status !== 202 || accepted.accepted !== site.urls.length) throw new Error(`POST /api/v1/batches: ${response.status} ${JSON.stringify(accepted).slice(0, 300)}`);
    const view = await waitBatchFinal(batch.client.request.bind(batch.client), accepted.id);
    batchSeconds = (performance.now() - started) / 1000;
    batchCounts = view.counts.tasks;
  } finally {
    await batch.stop();
  }
  console.log(`  one batch: ${site.urls.length} URLs in ${batchSeconds.toFixed(1)} s (${JSON.stringify(batchCounts)})`);
  const single = await startEmbeddedBenchTrawl(benchEnv());
  let singleResult;
  try {
    singleResult = await timeTasks(single, site, site.urls, ['text'], TIMEOUT_MS);
  } finally {
    await single.stop();
  }
  console.log(`  one POST per URL: ${site.urls.length} tasks in ${singleResult.seconds.toFixed(1)} s`);
  return [{
    name: 'text pages/s, one batch vs one POST per URL, embedded',
    unit: 'pages/s',
    trawl: (batchCounts.completed ?? 0) / batchSeconds,
    peer: { name: 'trawl, one POST per URL', value: singleResult.counts.completed / singleResult.seconds },
    settings: `${site.urls.length} corpus URLs, collect text; a batch timed from its POST until GET /api/v1/batches/{id} is final; tasks from the first POST until every task is final`,
  }];
}

async function waitBatchFinal(request: (path: string) => Promise<Response>, id: string): Promise<BatchView> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    const response = await request(`/api/v1/batches/${id}`);
    const view = (await response.json()) as BatchView;
    if (FINAL_BATCH.has(view.status)) return view;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`batch ${id} not final after ${TIMEOUT_MS} ms`);
}

export const batchThroughputBench: Bench = { name: 'batch vs single, text, embedded', run: (ctx) => measure(ctx) };
