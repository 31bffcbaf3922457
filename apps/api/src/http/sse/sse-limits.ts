import { z } from 'zod';
import { ConfigError } from '@trawl/config';
import { DEFAULT_TIMINGS, type FollowTimings } from './view-follower';

export const SSE_LIMITS = Symbol('SSE_LIMITS');

/** Bounds of the live-progress streams of one API process. */
export interface SseLimits {
  /** Streams open at once; past it a new one is refused with 503 `too-many-streams`. */
  maxStreams: number;
  timings: FollowTimings;
}

export const DEFAULT_MAX_STREAMS = 1000;

const maxStreams = z.coerce.number().int().positive().default(DEFAULT_MAX_STREAMS);

/**
 * TRAWL_SSE_MAX_STREAMS (default 1000): each stream costs a socket and one read-model read every
 * 250 ms, so the cap bounds what clients can make one process do. A bad value stops the start-up,
 * as any bad setting does.
 */
export function sseLimitsFrom(env: NodeJS.ProcessEnv): SseLimits {
  const raw = env.TRAWL_SSE_MAX_STREAMS;
  const parsed = maxStreams.safeParse(raw === '' ? undefined : raw);
  if (!parsed.success) throw new ConfigError(`invalid configuration:\n  TRAWL_SSE_MAX_STREAMS: expected a positive integer, got ${JSON.stringify(raw)}`);
  return { maxStreams: parsed.data, timings: DEFAULT_TIMINGS };
}
