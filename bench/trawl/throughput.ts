import { performance } from 'node:perf_hooks';
import type { LoopbackSite } from '../sites/loopback-server';
import type { BenchTrawl } from './embedded';
import { submitTasks, waitAllFinal } from './submit';

export interface Throughput {
  tasks: number;
  counts: Record<string, number>;
  seconds: number;
  /** What the site saw: requests, stray 404s, and the peak of connections open. */
  served: ReturnType<LoopbackSite['served']>;
}

/** Submits one task per URL and times from the first POST until every task is final. */
export async function timeTasks(trawl: BenchTrawl, site: LoopbackSite, urls: string[], collect: string[], timeoutMs: number): Promise<Throughput> {
  site.resetCounts();
  const started = performance.now();
  await submitTasks(trawl.client, urls, collect);
  const { counts, doneAt } = await waitAllFinal(trawl.client, urls.length, timeoutMs);
  return { tasks: urls.length, counts, seconds: (doneAt - started) / 1000, served: site.served() };
}

export function describeThroughput(t: Throughput): string {
  const outcome = Object.entries(t.counts).filter(([, n]) => n > 0).map(([status, n]) => `${n} ${status}`).join(', ');
  return `${t.tasks} tasks (${outcome}) in ${t.seconds.toFixed(1)} s; site served ${t.served.requests} requests (${t.served.notFound} 404), peak ${t.served.peakConnections} connections open`;
}
