import autocannon from 'autocannon';
import type { Figure } from '../report';
import { startLatencySite } from '../sites/latency-site';
import { benchEnv } from '../trawl/bench-env';
import { startEmbeddedBenchTrawl } from '../trawl/embedded';
import type { Bench } from './bench';

const CONNECTIONS = 32;
const DURATION_S = 10;

/** GET /api/v1/tasks/{id} of a completed task, under autocannon (in this process, as a client would). */
async function measure(): Promise<Figure[]> {
  const site = await startLatencySite(5);
  const trawl = await startEmbeddedBenchTrawl(benchEnv());
  try {
    const { task } = await trawl.client.createTask({ url: site.pageUrl(0), collect: ['text', 'images'] });
    await trawl.client.waitForFinal(task.id);
    const result = await autocannon({ url: `${trawl.client.baseUrl}/api/v1/tasks/${task.id}`, connections: CONNECTIONS, duration: DURATION_S });
    const bad = result.errors + result.timeouts + result.non2xx;
    console.log(`  ${result.requests.total} requests (${bad} errors, timeouts or non-2xx), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
    if (bad > 0) throw new Error(`${bad} of ${result.requests.total} status GETs failed`);
    return [{
      name: 'status GET req/s, embedded',
      unit: 'req/s',
      trawl: result.requests.average,
      target: { on: 'value', op: '>=', bound: 5000 },
      settings: `autocannon ${CONNECTIONS} connections, ${DURATION_S} s, GET /api/v1/tasks/{id} of a completed task; embedded trawl, rate limit off`,
    }];
  } finally {
    await trawl.stop();
    await site.close();
  }
}

export const statusGetBench: Bench = { name: 'status GET, embedded', run: () => measure() };
