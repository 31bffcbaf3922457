import { performance } from 'node:perf_hooks';
import type { TrawlClient } from '../../test/support/trawl-client';
import type { Figure } from '../report';
import { startLatencySite } from '../sites/latency-site';
import { benchEnv, describeEnv } from '../trawl/bench-env';
import { startEmbeddedBenchTrawl } from '../trawl/embedded';
import type { Bench } from './bench';

const TASKS = 50;
const WARM_UP = 3;
const IMAGES = 5;
const POLL_MS = 5;

/** The value below which `p` of the sorted samples lie (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** One task, POST to `completed` as a client polling every few milliseconds sees it. */
async function oneTask(client: TrawlClient, url: string): Promise<number> {
  const started = performance.now();
  const { task } = await client.createTask({ url, collect: ['text', 'images'] });
  for (;;) {
    const view = await client.getTask(task.id);
    if (view.status === 'completed') return performance.now() - started;
    if (view.status !== 'queued' && view.status !== 'running') throw new Error(`task ${task.id} ended ${view.status}: ${JSON.stringify(view.error)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function measure(): Promise<Figure[]> {
  const site = await startLatencySite(IMAGES);
  const env = benchEnv();
  const trawl = await startEmbeddedBenchTrawl(env);
  try {
    const samples: number[] = [];
    for (let n = 0; n < WARM_UP + TASKS; n += 1) {
      const ms = await oneTask(trawl.client, site.pageUrl(n));
      if (n >= WARM_UP) samples.push(ms);
    }
    samples.sort((a, b) => a - b);
    const settings = `${TASKS} sequential tasks (after ${WARM_UP} warm-up) of a 50 KB page with ${IMAGES} PNGs, text and images, polled every ${POLL_MS} ms; embedded, ${describeEnv(env)}`;
    console.log(`  min ${samples[0].toFixed(0)} ms, p50 ${percentile(samples, 50).toFixed(0)} ms, p99 ${percentile(samples, 99).toFixed(0)} ms, max ${samples.at(-1)!.toFixed(0)} ms`);
    return [
      { name: 'POST → completed p50, 50 KB page + 5 images, embedded', unit: 'ms', trawl: percentile(samples, 50), target: { on: 'value', op: '<', bound: 100 }, settings },
      { name: 'POST → completed p99, 50 KB page + 5 images, embedded', unit: 'ms', trawl: percentile(samples, 99), settings },
    ];
  } finally {
    await trawl.stop();
    await site.close();
  }
}

export const latencyBench: Bench = { name: 'latency, embedded', run: () => measure() };
