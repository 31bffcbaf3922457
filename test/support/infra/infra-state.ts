import type { ResolvedEndpoints } from './resolve-endpoints';

// On globalThis rather than in a module variable: jest loads globalSetup and globalTeardown through its
// transformer, and this way the state holds whether or not they share one module registry.
const KEY = '__trawlTestInfra';
type Shared = typeof globalThis & { [KEY]?: Promise<ResolvedEndpoints> };
const shared = globalThis as Shared;

/** The test servers of this jest run, while they are being resolved or are running. */
export const infraState = {
  get: (): Promise<ResolvedEndpoints> | undefined => shared[KEY],
  set: (resolving: Promise<ResolvedEndpoints>): void => void (shared[KEY] = resolving),
  clear: (): void => void delete shared[KEY],
};
