import type { TrawlProcess } from '../../test/support/trawl-process';

/** One fetcher's share of a run's jobs of one kind, read from its own /metrics. */
export interface FetcherJobCount {
  name: string;
  jobs: number;
  /** Sum of the jobs' durations (download, store, append), seconds. */
  seconds: number;
  /** The fetcher's event-store appends (every outcome): how many, and their summed latency in seconds. */
  appends: { count: number; seconds: number };
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
      const appends = { count: sumOf(text, 'trawl_event_store_append_seconds_count'), seconds: sumOf(text, 'trawl_event_store_append_seconds_sum') };
      return { name: fetcher.name, jobs: sumOf(text, 'trawl_fetch_duration_seconds_count', `kind="${kind}"`), seconds: sumOf(text, 'trawl_fetch_duration_seconds_sum', `kind="${kind}"`), appends };
    }),
  );
}

/** The sum of a series' samples, of those whose labels include `label` when given. */
function sumOf(metrics: string, series: string, label = ''): number {
  let total = 0;
  for (const line of metrics.split('\n')) {
    if (line.startsWith(`${series}{`) && line.includes(label)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/** `fetcher-1 90 (mean 0.61 s, appends 12 ms)`, …: one line for the bench's log. */
export function describeJobCounts(counts: readonly FetcherJobCount[]): string {
  const mean = (seconds: number, count: number) => (count > 0 ? seconds / count : 0);
  return counts
    .map((count) => `${count.name} ${count.jobs} (mean ${mean(count.seconds, count.jobs).toFixed(2)} s, appends ${(mean(count.appends.seconds, count.appends.count) * 1000).toFixed(0)} ms)`)
    .join(', ');
}
