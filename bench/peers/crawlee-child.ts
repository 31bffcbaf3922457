/**
 * Runs in its own process (see crawlee-runner.ts): Crawlee's CheerioCrawler on the given URLs, as a Crawlee
 * user would write it: no link enqueuing (only the start URLs), the body's text extracted and kept. Storage
 * in memory (persistStorage false, and a temp dir that is removed). Prints one JSON line with its figures
 * (pages, time, and the CPU seconds the crawl took).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CheerioCrawler, Configuration } from '@crawlee/cheerio';

interface Job {
  urls: string[];
  maxConcurrency: number;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.env.BENCH_CRAWLEE_JOB ?? '') as Job;
  const storageDir = mkdtempSync(join(tmpdir(), 'trawl-bench-crawlee-'));
  const config = new Configuration({ persistStorage: false, purgeOnStart: true, storageClientOptions: { localDataDirectory: storageDir } });
  let pages = 0;
  let characters = 0;
  const crawler = new CheerioCrawler(
    {
      maxConcurrency: job.maxConcurrency,
      // Same fixed concurrency as trawl's page jobs: autoscaling would read the other processes' CPU as its own.
      minConcurrency: job.maxConcurrency,
      maxRequestRetries: 0,
      async requestHandler({ $ }) {
        characters += $('body').text().length;
        pages += 1;
      },
    },
    config,
  );
  try {
    const started = performance.now();
    // CPU of this whole process (every thread, user + system) over the crawl, as trawl's is read from /proc.
    const cpuBefore = process.cpuUsage();
    const stats = await crawler.run(job.urls);
    const cpu = process.cpuUsage(cpuBefore);
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    process.stdout.write(`${JSON.stringify({ pages, failed: stats.requestsFailed, seconds, characters, cpuSeconds })}\n`);
  } finally {
    rmSync(storageDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
