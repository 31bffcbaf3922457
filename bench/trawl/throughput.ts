import { performance } from 'node:perf_hooks';
import type { LoopbackSite } from '../sites/loopback-server';
import type { BenchTrawl } from './embedded';
import { EventStoreProgress } from './event-store-progress';
import { CpuMeter, type CpuShare } from './process-cpu';
import { submitBatch, submitTasks, waitAllFinal, type Submission } from './submit';

/** How long the read model may trail the event store before a distributed figure stops waiting for it. */
const READ_MODEL_GRACE_MS = 10_000;

export interface Throughput {
  tasks: number;
  counts: Record<string, number>;
  seconds: number;
  /** Images stored by all tasks when the clock stopped. */
  imagesStored: number;
  /** What the site saw: requests, stray 404s, and the peak of connections open. */
  served: ReturnType<LoopbackSite['served']>;
  /** Distributed only: how the read model (what the API shows) trailed the event store. */
  readModelNote?: string;
  /** CPU of every trawl process (and of the servers under it, `BenchTrawl.servers`) over the timed span. */
  cpu: CpuShare[];
}

/** trawl's processes and the servers counted with them, as a CPU figure names them. */
function countedProcesses(trawl: BenchTrawl) {
  return [...trawl.processes.map((p) => ({ label: p.name, pid: p.child.pid! })), ...(trawl.servers?.counted ?? [])];
}

/**
 * Submits one task per URL (with `extraBody`'s task options), or one batch of them all, and times from the
 * first POST until every task is final; over the same span, the CPU trawl's processes spend.
 */
export async function timeTasks(
  trawl: BenchTrawl, site: LoopbackSite, urls: string[], collect: string[], timeoutMs: number, extraBody: Record<string, unknown> = {},
  submission: Submission = 'per-url',
): Promise<Throughput> {
  site.resetCounts();
  const meter = CpuMeter.start(countedProcesses(trawl));
  const started = performance.now();
  if (submission === 'batch') await submitBatch(trawl.client, urls, collect, extraBody);
  else await submitTasks(trawl.client, urls, collect, extraBody);
  if (trawl.completion === 'read-model') {
    let cpu: CpuShare[] = [];
    const { counts, doneAt } = await waitAllFinal(trawl.client, urls.length, timeoutMs, () => (cpu = meter.stop()));
    const imagesStored = await storedInReadModel(trawl, urls.length);
    return { tasks: urls.length, counts, seconds: (doneAt - started) / 1000, imagesStored, served: site.served(), cpu };
  }
  const progress = new EventStoreProgress(trawl.completion.eventStoreFile);
  try {
    const doneAt = await progress.waitAllFinal(urls.length, timeoutMs);
    const cpu = meter.stop();
    const served = site.served();
    const counts = { completed: progress.count('TaskCompleted'), failed: progress.count('TaskFailed') };
    const imagesStored = progress.count('ImageStored');
    const readModelNote = await readModelLag(trawl, urls.length, doneAt);
    return { tasks: urls.length, counts, seconds: (doneAt - started) / 1000, imagesStored, served, readModelNote, cpu };
  } finally {
    progress.close();
  }
}

async function readModelLag(trawl: BenchTrawl, expected: number, doneAt: number): Promise<string> {
  try {
    await waitAllFinal(trawl.client, expected, READ_MODEL_GRACE_MS);
    return `the read model showed all ${expected} final ${((performance.now() - doneAt) / 1000).toFixed(1)} s after the event store`;
  } catch {
    const response = await trawl.client.request(`/api/v1/tasks?status=completed&limit=500`);
    const shown = ((await response.json()) as { items: unknown[] }).items.length;
    return `the read model showed ${shown} of ${expected} completed ${READ_MODEL_GRACE_MS / 1000} s after the event store had them all (projector lag)`;
  }
}

/** Images stored over all tasks, from the task views (imagesStored). */
async function storedInReadModel(trawl: BenchTrawl, tasks: number): Promise<number> {
  const response = await trawl.client.request(`/api/v1/tasks?limit=${Math.min(500, tasks)}`);
  const page = (await response.json()) as { items: { progress: { imagesStored: number } }[] };
  return page.items.reduce((sum, task) => sum + task.progress.imagesStored, 0);
}

export function describeThroughput(t: Throughput): string {
  const outcome = Object.entries(t.counts).filter(([, n]) => n > 0).map(([status, n]) => `${n} ${status}`).join(', ');
  const where = t.readModelNote ? ' in the event store' : '';
  return (
    `${t.tasks} tasks (${outcome})${where} in ${t.seconds.toFixed(1)} s; site served ${t.served.requests} requests (${t.served.notFound} 404${t.served.notFound ? `: ${t.served.notFoundPaths.join(', ')}` : ''}), ` +
    `peak ${t.served.peakConnections} connections open${t.readModelNote ? `; ${t.readModelNote}` : ''}`
  );
}
