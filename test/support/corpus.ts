import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The corpus of real pages (shared/corpus/readability) lives beside the repository, not in it:
 * `<repo>/../shared`, as on the developers' machines and in CI. TRAWL_CORPUS_DIR overrides it.
 */
export function corpusDir(): string {
  const dir = process.env.TRAWL_CORPUS_DIR ?? resolve(__dirname, '../../../shared/corpus/readability');
  if (!existsSync(join(dir))) throw new Error(`corpus not found at ${dir}; set TRAWL_CORPUS_DIR`);
  return dir;
}
