import { performance } from 'node:perf_hooks';
import type { Figure } from '../report';
import { benchEnv } from '../trawl/bench-env';
import { startEmbeddedBenchTrawl } from '../trawl/embedded';
import type { Bench } from './bench';

const URLS = 10_000;

/**
 * Issue 10: how fast a 10,000-URL batch is accepted (POST /api/v1/batches as JSON, to the 202), embedded.
 * The URLs are on a loopback port where nothing listens and the relay never releases them to a fetcher
 * before the batch is cancelled: no request leaves the process.
 */
async function measure(): Promise<Figure[]> {
  const trawl = await startEmbeddedBenchTrawl(benchEnv({ TRAWL_BATCH_WINDOW: '1' }));
  try {
    const urls = Array.from({ length: URLS }, (_, n) => `http://127.0.0.1:9/page/${n}.html`);
    const started = performance.now();
    const response = await trawl.client.request('/api/v1/batches', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls, collect: ['text'] }),
    });
    const seconds = (performance.now() - started) / 1000;
    const body = (await response.json()) as { id: string; accepted: number };
    if (response.status !== 202 || body.accepted !== URLS) throw new Error(`POST /api/v1/batches: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    await trawl.client.request(`/api/v1/batches/${body.id}`, { method: 'DELETE' });
    console.log(`  ${URLS} URLs accepted in ${seconds.toFixed(2)} s (one POST, JSON)`);
    return [{
      name: 'batch accepted URLs/s, 10,000-URL batch, embedded',
      unit: 'URLs/s',
      trawl: URLS / seconds,
      settings: 'one POST /api/v1/batches of 10,000 URLs as JSON, timed to the 202; embedded trawl',
    }];
  } finally {
    await trawl.stop();
  }
}

export const batchAcceptBench: Bench = { name: 'batch accept, embedded', run: () => measure() };
