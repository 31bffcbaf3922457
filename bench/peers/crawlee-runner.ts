import { join } from 'node:path';
import { runChild } from './run-child';

export interface CrawleeFigure {
  pages: number;
  failed: number;
  seconds: number;
  /** CPU (user + system) of the crawler's process during `crawler.run()`. */
  cpuSeconds: number;
  pagesPerSecond: number;
}

/** CheerioCrawler on `urls` in a child process of its own, so that its figure and trawl's do not interfere. */
export async function runCrawlee(urls: string[], maxConcurrency: number): Promise<CrawleeFigure> {
  const output = await runChild(process.execPath, ['--require', '@swc-node/register', join(__dirname, 'crawlee-child.ts')], {
    cwd: join(__dirname, '../..'),
    env: { BENCH_CRAWLEE_JOB: JSON.stringify({ urls, maxConcurrency }), CRAWLEE_LOG_LEVEL: 'WARNING' },
  });
  const last = output.trim().split('\n').pop() ?? '';
  const result = JSON.parse(last) as Omit<CrawleeFigure, 'pagesPerSecond'>;
  return { ...result, pagesPerSecond: result.pages / result.seconds };
}
