import { performance } from 'node:perf_hooks';
import type { TrawlClient } from '../../test/support/trawl-client';

// POSTs in flight at once: enough to keep the API busy without the client becoming the bottleneck.
const SUBMIT_PARALLELISM = 8;

/**
 * Submits one task per URL and returns their ids. The one place that knows how tasks are submitted: today
 * one URL per POST; when a batch endpoint exists (issue 10), only this function changes. `extraBody` adds
 * task options to every POST (e.g. `{ thumbnails: [256] }`).
 */
export async function submitTasks(client: TrawlClient, urls: string[], collect: string[], extraBody: Record<string, unknown> = {}): Promise<string[]> {
  const ids: string[] = new Array(urls.length);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const index = next++;
      const { task } = await client.createTask({ ...extraBody, url: urls[index], collect });
      ids[index] = task.id;
    }
  };
  await Promise.all(Array.from({ length: Math.min(SUBMIT_PARALLELISM, urls.length) }, worker));
  return ids;
}

/** How a figure hands trawl its URLs: one POST per URL, or all of them in one batch (`POST /api/v1/batches`). */
export type Submission = 'per-url' | 'batch';

/** Submits every URL in one batch, as a client with a dataset's URLs does; resolves once it is accepted (202). */
export async function submitBatch(client: TrawlClient, urls: string[], collect: string[], extraBody: Record<string, unknown> = {}): Promise<void> {
  const response = await client.request('/api/v1/batches', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...extraBody, urls, collect }),
  });
  const accepted = (await response.json()) as { id?: string; accepted?: number };
  if (response.status !== 202 || accepted.accepted !== urls.length) throw new Error(`POST /api/v1/batches: ${response.status} ${JSON.stringify(accepted).slice(0, 300)}`);
}

const FINAL = ['completed', 'failed', 'cancelled'] as const;
const PROGRESS_EVERY_MS = 15_000;

async function countWithStatus(client: TrawlClient, status: string, stopAt = Infinity): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const query = `status=${status}&limit=${Math.min(500, stopAt)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await client.request(`/api/v1/tasks?${query}`);
    if (!response.ok) throw new Error(`GET /api/v1/tasks?${query}: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { items: unknown[]; next: string | null };
    count += page.items.length;
    cursor = page.next;
  } while (cursor && count < stopAt);
  return count;
}

/**
 * Waits until `expected` tasks are final, polling the list endpoint (cheap: one `limit=1` query per
 * unfinished status; the final counts are read once nothing is left queued or running). Returns the counts
 * and the moment (performance.now()) the last task was seen final; `onSettled` is called at that moment too,
 * before the counting requests (e.g. to read the CPU spent so far).
 */
export async function waitAllFinal(
  client: TrawlClient, expected: number, timeoutMs: number, onSettled: () => void = () => {},
): Promise<{ counts: Record<string, number>; doneAt: number }> {
  const deadline = Date.now() + timeoutMs;
  let nextProgress = Date.now() + PROGRESS_EVERY_MS;
  while (Date.now() < deadline) {
    const pending = (await countWithStatus(client, 'queued', 1)) + (await countWithStatus(client, 'running', 1));
    if (Date.now() >= nextProgress) {
      nextProgress += PROGRESS_EVERY_MS;
      console.log(`  … ${await countWithStatus(client, 'completed')} of ${expected} tasks completed in the read model`);
    }
    if (pending === 0) {
      const doneAt = performance.now();
      onSettled();
      const counts: Record<string, number> = {};
      for (const status of FINAL) counts[status] = await countWithStatus(client, status);
      if (FINAL.reduce((sum, status) => sum + counts[status], 0) >= expected) return { counts, doneAt };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not all ${expected} tasks final after ${timeoutMs} ms`);
}
