import type { TrawlConfig } from '@trawl/config';
import { DEFAULT_TIMINGS, type FollowTimings } from './view-follower';

export const SSE_LIMITS = Symbol('SSE_LIMITS');

/** Bounds of the live-progress streams of one API process. */
export interface SseLimits {
  /** Streams open at once; past it a new one is refused with 503 `too-many-streams`. */
  maxStreams: number;
  timings: FollowTimings;
}

/**
 * TRAWL_SSE_MAX_STREAMS (default 1000, checked with the rest of the environment at start-up): each
 * stream costs a socket and one read-model read every 250 ms, so the cap bounds what clients can make
 * one process do.
 */
export function sseLimitsFrom(config: Pick<TrawlConfig, 'env'>): SseLimits {
  return { maxStreams: config.env.TRAWL_SSE_MAX_STREAMS, timings: DEFAULT_TIMINGS };
}
