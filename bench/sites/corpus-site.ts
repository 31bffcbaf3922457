import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startLoopbackSite, type LoopbackSite } from './loopback-server';

/** The shared corpus of real article pages, beside the repository (TRAWL_CORPUS_DIR overrides it). */
function corpusPages(): Buffer[] {
  const dir = process.env.TRAWL_CORPUS_DIR ?? resolve(__dirname, '../../../shared/corpus/readability');
  if (!existsSync(dir)) throw new Error(`corpus not found at ${dir}; set TRAWL_CORPUS_DIR`);
  return readdirSync(dir)
    .map((name) => join(dir, name, 'source.html'))
    .filter((file) => existsSync(file))
    .sort()
    .map((file) => readFileSync(file));
}

export interface CorpusSite extends LoopbackSite {
  /** `count` distinct URLs, cycling through the corpus pages. */
  urls: string[];
  averageBytes: number;
  distinctPages: number;
}

/**
 * The text workload: the real pages of the corpus under `count` distinct URLs (`/article/<n>.html`).
 * The pages link other hosts, but neither client follows links here: trawl fetches only the task's URL with
 * `collect: ["text"]`, and the Crawlee handler enqueues nothing; the site's 404 count shows any stray request.
 */
export async function startCorpusSite(count: number): Promise<CorpusSite> {
  const pages = corpusPages();
  const site = await startLoopbackSite((path) => {
    const match = /^\/article\/(\d+)\.html$/.exec(path);
    if (!match || Number(match[1]) >= count) return null;
    return { body: pages[Number(match[1]) % pages.length], type: 'text/html; charset=utf-8' };
  });
  const urls = Array.from({ length: count }, (_, n) => `${site.baseUrl}/article/${n}.html`);
  const averageBytes = urls.reduce((sum, _, n) => sum + pages[n % pages.length].length, 0) / count;
  return { ...site, urls, averageBytes, distinctPages: pages.length };
}
