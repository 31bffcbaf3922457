import { parsePrometheusText } from './prometheus-text';
import type { TrawlDeployment } from './trawl-deployment';

/**
 * While a long batch runs, one line every `everyMs`: the tasks done, and where the work waits (the
 * fetchers' queues, the projector's and the relay's lag in events), so that a slow run says which part
 * is behind. Returns a stop function.
 */
export function logBatchProgress(trawl: TrawlDeployment, batchId: string, label: string, everyMs = 30_000): () => void {
  const started = Date.now();
  const sample = async (): Promise<string> => {
    const batch = (await (await trawl.client.request(`/api/v1/batches/${batchId}`)).json()) as { counts: { tasks: Record<string, number>; images: { stored: number } } };
    const { total, completed, failed, running } = batch.counts.tasks;
    const parts = [`${completed + failed}/${total} tasks final, ${running} running, ${batch.counts.images.stored} images stored`];
    const lags: Record<string, number> = {};
    const queues: Record<string, number> = {};
    for (const process of trawl.processes.values()) {
      const scrape = parsePrometheusText(await (await fetch(`${process.baseUrl}/metrics`)).text().catch(() => ''));
      for (const subscription of ['projector', 'relay']) {
        const lag = scrape.value(`trawl_subscription_lag_events{subscription="${subscription}"}`);
        if (lag !== undefined) lags[subscription] = lag;
      }
      // Every member of a group reports the group's lag: the max across processes.
      for (const line of scrape.text.split('\n').filter((sample) => sample.startsWith('trawl_job_consumer_lag{'))) {
        const topic = /topic="([^"]*)"/.exec(line)?.[1] ?? '?';
        queues[topic] = Math.max(queues[topic] ?? 0, Number(line.split(' ').at(-1)));
      }
    }
    parts.push(`lag ${JSON.stringify(lags)}`, `queued jobs ${JSON.stringify(queues)}`);
    return parts.join('; ');
  };
  const timer = setInterval(() => {
    void sample().then(
      (line) => console.log(`[${label}] +${Math.round((Date.now() - started) / 1000)} s: ${line}`),
      () => undefined,
    );
  }, everyMs);
  return () => clearInterval(timer);
}
