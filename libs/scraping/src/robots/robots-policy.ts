import type { FetchLimits } from '../http/fetch-limits';
import type { HttpClient } from '../http/http-client.port';
import { ExpiringLru } from './expiring-lru';
import { RobotsUnavailableError } from './robots-errors';
import { ROBOTS_FETCH_LIMITS, fetchRobotsFile, type RobotsFile } from './robots-fetch';
import { productToken } from './robots-rules';

export interface RobotsPolicyOptions {
  /** Fetches robots.txt: pass the client the pages go through, so the network policy applies to it too. */
  http: HttpClient;
  /** The User-Agent whose robots.txt group applies when a check names none. */
  userAgent: string;
  /** How long a fetched robots.txt (or its absence) is trusted. Default 1 h (RFC 9309 allows up to 24 h). */
  ttlMs?: number;
  /** How long "robots.txt unreachable" is remembered before it is fetched again. Default 10 s. */
  unavailableTtlMs?: number;
  /** Origins cached at most (least recently used first out). Default 1000. */
  maxOrigins?: number;
  /** Crawl-delay is honoured up to this much. Default 30 s. */
  maxCrawlDelayMs?: number;
  limits?: FetchLimits;
  clock?: () => number;
}

export interface RobotsVerdict {
  allowed: boolean;
  /** The origin's Crawl-delay for this User-Agent in ms (capped), 0 when it sets none. */
  crawlDelayMs: number;
}

const ALLOWED: RobotsVerdict = Object.freeze({ allowed: true, crawlDelayMs: 0 });
type Entry = RobotsFile | { kind: 'unavailable'; error: RobotsUnavailableError };

/**
 * Answers "may this User-Agent fetch this URL?" from the robots.txt of the URL's origin (RFC 9309),
 * fetched once per origin and cached (bounded LRU with a TTL). Concurrent checks of one origin share
 * one fetch. An unreachable robots.txt makes `check` throw a retryable RobotsUnavailableError.
 */
export class RobotsPolicy {
  private readonly cache: ExpiringLru<Entry>;
  private readonly inFlight = new Map<string, Promise<Entry>>();
  private readonly clock: () => number;

  constructor(private readonly options: RobotsPolicyOptions) {
    this.clock = options.clock ?? Date.now;
    this.cache = new ExpiringLru(options.maxOrigins ?? 1000, this.clock);
  }

  /**
   * The verdict for `url`. A URL that is not http(s) is allowed here: the fetch refuses it with its
   * own error. `signal` only stops this caller's wait; a shared robots.txt fetch goes on for the others.
   */
  async check(url: string, options: { userAgent?: string; signal?: AbortSignal } = {}): Promise<RobotsVerdict> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return ALLOWED;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return ALLOWED;
    const entry = await untilAborted(this.entry(parsed.origin), options.signal);
    // Every check in the next few seconds gets this same error: the origin is left alone meanwhile.
    if (entry.kind === 'unavailable') throw entry.error;
    if (entry.kind === 'allow-all') return ALLOWED;
    const agent = productToken(options.userAgent ?? this.options.userAgent);
    const delaySeconds = entry.rules.getCrawlDelay(agent);
    const crawlDelayMs = typeof delaySeconds === 'number' && delaySeconds > 0 ? Math.min(delaySeconds * 1000, this.options.maxCrawlDelayMs ?? 30_000) : 0;
    // undefined means "not this file's origin", which cannot happen for the origin's own URLs.
    return { allowed: entry.rules.isAllowed(parsed.href, agent) !== false, crawlDelayMs };
  }

  private entry(origin: string): Promise<Entry> {
    const cached = this.cache.get(origin);
    if (cached) return Promise.resolve(cached);
    let pending = this.inFlight.get(origin);
    if (!pending) {
      pending = this.load(origin).finally(() => this.inFlight.delete(origin));
      this.inFlight.set(origin, pending);
    }
    return pending;
  }

  private async load(origin: string): Promise<Entry> {
    let entry: Entry;
    try {
      entry = await fetchRobotsFile(this.options.http, origin, { limits: this.options.limits ?? ROBOTS_FETCH_LIMITS, now: this.clock });
    } catch (error) {
      if (!(error instanceof RobotsUnavailableError)) throw error;
      entry = { kind: 'unavailable', error };
    }
    const ttlMs = entry.kind === 'unavailable' ? (this.options.unavailableTtlMs ?? 10_000) : (this.options.ttlMs ?? 60 * 60_000);
    this.cache.set(origin, entry, ttlMs);
    return entry;
  }
}

/** `promise`, unless `signal` aborts first (then its reason). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
