import type { JobBus } from '@trawl/job-bus';
import type { TrawlMetrics } from '@trawl/metrics';

/**
 * Refreshes `trawl_job_consumer_lag` for the topics this fetcher consumes on every scrape. Every
 * member of a group reports the same (group-wide) number; take the max across instances.
 */
export function sampleConsumerLag(metrics: TrawlMetrics, jobBus: JobBus, consumed: ReadonlyArray<{ topic: string; group: string }>): () => void {
  return metrics.addSampler('job-consumer-lag', async () => {
    await Promise.all(
      consumed.map(async ({ topic, group }) => metrics.jobConsumerLag.set({ topic }, await jobBus.lag(topic, group))),
    );
  });
}
