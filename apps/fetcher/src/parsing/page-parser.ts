import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { TrawlConfig } from '@trawl/config';
import type { TextOptions } from '@trawl/scraping';
import type { RobotsDirectiveOptions } from '@trawl/scraping';
import { fetchSettingsFrom } from '../fetch-settings';
import { ContentRejectedError } from '../failures';
import { pageDocument, type PageDocument, type ReceivedPage } from '../page-job/page-document';
import type { ParsedPage, ParsePageInput } from './parsed-page';
import { WorkerOutOfMemoryError, WorkerPool, WorkerTimeoutError } from '@trawl/workers';

export interface PageParserOptions {
  /** Pages parsed at once (worker threads, started when first needed). */
  workers: number;
  /** TRAWL_PARSE_TIMEOUT_MS */
  timeoutMs: number;
  /** TRAWL_PARSE_MEMORY_MB */
  maxHeapMb: number;
  /** How to read opt-out `<meta>` tags; null when TRAWL_RESPECT_OPT_OUTS=false. */
  optOuts?: RobotsDirectiveOptions | null;
}

/**
 * A parse allocates fast and keeps little: with V8's default young generation (sized for the machine),
 * a parsing thread's resident memory grew by ~120 MiB more over the 129 corpus pages (peak 380 MiB
 * against 260 MiB) for the same CPU time. 16 MiB bounds it; the long-lived tree goes to the old
 * generation, under TRAWL_PARSE_MEMORY_MB.
 */
const PARSE_YOUNG_GENERATION_MB = 16;

/**
 * Decodes, extracts and discovers a page's content in worker threads. Parsing is fast on ordinary
 * pages but slows badly on pathological ones (50,000 unclosed elements and as many stray end tags:
 * over a minute of CPU); on the
 * event loop that would stall heartbeats, leases and every other job of the process. A page that
 * takes longer than the time limit, or more than its worker's heap, fails its task for good
 * (parse-timeout, parse-out-of-memory): another attempt would do the same.
 */
export class PageParser {
  private readonly pool: WorkerPool<ParsePageInput, ParsedPage>;

  constructor(private readonly options: PageParserOptions) {
    this.pool = new WorkerPool({
      ...pageParseWorker(), size: options.workers, timeoutMs: options.timeoutMs, maxHeapMb: options.maxHeapMb, maxYoungGenerationMb: PARSE_YOUNG_GENERATION_MB,
    });
  }

  /** `images: false` (a task that collects text only) spares the discovery of the page's images. */
  async parse(page: ReceivedPage, signal?: AbortSignal, text?: TextOptions, images = true): Promise<PageDocument> {
    try {
      const input = { body: page.body, contentType: page.contentType, url: page.finalUrl, text, images, ...(this.options.optOuts ? { optOuts: this.options.optOuts } : {}) };
      const parsed = await this.pool.run(input, signal);
      return pageDocument(page, parsed);
    } catch (error) {
      if (error instanceof WorkerTimeoutError) {
        throw new ContentRejectedError('parse-timeout', `the page did not parse within ${this.options.timeoutMs} ms (TRAWL_PARSE_TIMEOUT_MS)`);
      }
      if (error instanceof WorkerOutOfMemoryError) {
        throw new ContentRejectedError('parse-out-of-memory', `the page did not parse within ${this.options.maxHeapMb} MB (TRAWL_PARSE_MEMORY_MB)`);
      }
      throw error;
    }
  }

  /**
   * Starts a parsing thread before any page asks for one, so that the first page does not wait for the
   * thread's start and its modules' loading: ~1 s on a quiet 2-core machine, 2.5-3 s when several
   * processes start at once (in the scale-out bench every fetcher's first page job took 3.5-4 s where the
   * next took 0.6). Only the thread: a page parsed to warm it would have a second thread started beside it
   * for a job arriving meanwhile (the memory bench's fetcher: 318 MiB at its peak instead of 277), and
   * would load the language detector (CLD3's wasm, ~25 MiB resident; it loads on a thread's first page)
   * in a fetcher that may never see a page with text. Resolves false when the thread died before it was
   * ready: the first page starts one again and meets the failure.
   */
  warmUp(): Promise<boolean> {
    return this.pool.warm();
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * One parsing thread per page job the fetcher runs at once (a quarter of TRAWL_FETCH_CONCURRENCY),
 * but no more than there are cores: parsing is CPU, and more threads than cores only share them.
 */
export function pageParserFrom(config: TrawlConfig): PageParser {
  const env = config.env;
  const pageJobs = Math.max(1, Math.ceil(env.TRAWL_FETCH_CONCURRENCY / 4));
  return new PageParser({ workers: Math.min(pageJobs, availableParallelism()), timeoutMs: env.TRAWL_PARSE_TIMEOUT_MS, maxHeapMb: env.TRAWL_PARSE_MEMORY_MB, optOuts: fetchSettingsFrom(config).optOuts });
}

/**
 * Where the worker's code is: the compiled `.js` beside this file in dist/. Run from the TypeScript
 * sources (jest), the worker is the `.ts` file and needs the same on-the-fly compiler, with the
 * `@trawl/*` paths of tsconfig.json.
 */
function pageParseWorker(): { file: string; execArgv: string[] } {
  const fromSources = __filename.endsWith('.ts');
  return {
    file: join(__dirname, `page-parse.worker.${fromSources ? 'ts' : 'js'}`),
    execArgv: fromSources ? ['--require', '@swc-node/register'] : [],
  };
}
