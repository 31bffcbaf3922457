import type { TrawlProcess } from '../../test/support/trawl-process';

/** One fetcher's share of a run's jobs of one kind, read from its own /metrics. */
export interface FetcherJobCount {
  name: string;
  jobs: number;
  /** Sum of the jobs' durations (download, store, append), seconds. */
  seconds: number;
}

/**
 * How many jobs of `kind` each fetcher process handled, from its `trawl_fetch_duration_seconds` histogram
 * (count and sum over every outcome): whether the work spread evenly over the fetchers.
 */
export async function fetcherJobCounts(processes: readonly TrawlProcess[], kind: 'image' | 'page'): Promise<FetcherJobCount[]> {
  const fetchers = processes.filter((process) => process.name.startsWith('fetcher'));
  return Promise.all(
    fetchers.map(async (fetcher) => {
      const text = await (await fetch(`${fetcher.baseUrl}/metrics`)).text();
      return { name: fetcher.name, jobs: sumOf(text, 'trawl_fetch_duration_seconds_count', kind), seconds: sumOf(text, 'trawl_fetch_duration_seconds_sum', kind) };
    }),
  );
}

function sumOf(metrics: string, series: string, kind: string): number {
  let total = 0;
  for (const line of metrics.split('\n')) {
    if (line.startsWith(`${series}{`) && line.includes(`kind="${kind}"`)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/** `fetcher-1 90 (mean 0.61 s)`, …: one line for the bench's log. */
export function describeJobCounts(counts: readonly FetcherJobCount[]): string {
  return counts.map((count) => `${count.name} ${count.jobs}${count.jobs > 0 ? ` (mean ${(count.seconds / count.jobs).toFixed(2)} s)` : ''}`).join(', ');
}
