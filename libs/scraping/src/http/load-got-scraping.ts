import type { HeaderGeneratorLike } from './browser-headers';

/**
 * The one place that loads got-scraping. It is ESM-only (its package exports only an `import`
 * condition) while trawl builds CommonJS, so it is loaded with a dynamic `import()`, which swc
 * keeps as is (`ignoreDynamic`) and Node runs natively; jest needs --experimental-vm-modules.
 * Loaded once per process, on the first fetch.
 */
export type GotScrapingModule = typeof import('got-scraping', { with: { 'resolution-mode': 'import' } });

/** What the adapter uses of got-scraping, set up once. */
export interface GotScrapingRuntime {
  gotScraping: GotScrapingModule['gotScraping'];
  /** got-scraping's own browser header generator, called by us (see browserHeaders for why). */
  headerGenerator: HeaderGeneratorLike;
  /** Wraps a client's agents for browser-like header casing and order (see pooledAgents). */
  TransformHeadersAgent: GotScrapingModule['TransformHeadersAgent'];
}

let loading: Promise<GotScrapingRuntime> | undefined;

export function loadGotScraping(): Promise<GotScrapingRuntime> {
  loading ??= import('got-scraping').then(
    ({ gotScraping, TransformHeadersAgent }): GotScrapingRuntime => ({
      gotScraping,
      headerGenerator: (gotScraping.defaults.options.context as { headerGenerator: HeaderGeneratorLike }).headerGenerator,
      TransformHeadersAgent,
    }),
    (error: unknown) => {
      // A failed load is not kept: the next fetch tries again rather than failing forever.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
