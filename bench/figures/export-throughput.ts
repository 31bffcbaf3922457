import type { Figure } from '../report';
import { startImageSite } from '../sites/image-site';
import { benchEnv } from '../trawl/bench-env';
import { startEmbeddedBenchTrawl, type BenchTrawl } from '../trawl/embedded';
import type { Bench } from './bench';

const PAGES = 20;
const PER_PAGE = 100;

async function untilDone<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not done after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function json<T>(trawl: BenchTrawl, path: string, init?: RequestInit): Promise<T> {
  const response = await trawl.client.request(path, init);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A 2,000-image batch collected, then exported as WebDataset: the export's bytes over its build time. */
async function measure(): Promise<Figure[]> {
  const site = await startImageSite({ pages: PAGES, perPage: PER_PAGE });
  const trawl = await startEmbeddedBenchTrawl(benchEnv());
  try {
    const post = (path: string, body: unknown) => json<{ id: string }>(trawl, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const batch = await post('/api/v1/batches', { urls: site.pageUrls, collect: ['images'] });
    const done = await untilDone(() => json<{ status: string; counts: { images: { stored: number } } }>(trawl, `/api/v1/batches/${batch.id}`), (b) => b.status === 'completed', 300_000, 'batch');
    const started = Date.now();
    const requested = await post(`/api/v1/batches/${batch.id}/exports`, { format: 'webdataset' });
    const ready = await untilDone(
      () => json<{ status: string; files: { bytes: number }[]; progress: { samples: number } }>(trawl, `/api/v1/exports/${requested.id}`),
      (view) => view.status === 'ready' || view.status === 'failed', 300_000, 'export',
    );
    const seconds = (Date.now() - started) / 1000;
    if (ready.status !== 'ready') throw new Error(`the export failed: ${JSON.stringify(ready)}`);
    const bytes = ready.files.reduce((sum, file) => sum + file.bytes, 0);
    console.log(`  ${ready.progress.samples} samples (${done.counts.images.stored} images stored), ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s`);
    return [{
      name: 'export MB/s, 2,000-image WebDataset, embedded',
      unit: 'MB/s',
      trawl: bytes / 1e6 / seconds,
      settings: `${PAGES} gallery pages x ${PER_PAGE} PNGs collected as one batch, then POST …/exports {format: webdataset} until ready (request to ready, polled every 100 ms); embedded trawl, file blobs`,
    }];
  } finally {
    await trawl.stop();
    await site.close();
  }
}

export const exportThroughputBench: Bench = { name: 'export MB/s, embedded', run: () => measure() };
