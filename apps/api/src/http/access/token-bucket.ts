/** What one request's turn at the bucket decided; the numbers feed the RateLimit-* headers. */
export interface RateDecision {
  allowed: boolean;
  /** Bucket size: the burst a client may send at once. */
  limit: number;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until the next request would pass (0 when this one did). */
  retryAfterSeconds: number;
}

export interface TokenBucketOptions {
  /** Requests per minute each client may make on average; also the burst size. */
  perMinute: number;
  /** How many clients are remembered; beyond that the least recently seen is forgotten. */
  maxClients?: number;
  /** Milliseconds on some monotonic clock; injected so tests need not wait. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

const DEFAULT_MAX_CLIENTS = 10_000;

/**
 * One token bucket per client id, in memory. A bucket holds up to `perMinute` tokens and refills
 * continuously at `perMinute / 60` tokens a second; a request takes one token or is refused.
 *
 * Memory stays bounded when many clients come by (one per IP when no API keys are configured): past
 * `maxClients`, buckets that have refilled completely are dropped first (forgetting them changes no
 * decision), then the least recently seen ones, which merely hands those clients a fresh bucket.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly tokensPerMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(options: TokenBucketOptions) {
    if (!(options.perMinute > 0)) throw new RangeError('perMinute must be positive');
    this.capacity = options.perMinute;
    this.tokensPerMs = options.perMinute / 60_000;
    this.maxClients = options.maxClients ?? DEFAULT_MAX_CLIENTS;
    this.now = options.now ?? (() => performance.now());
  }

  take(clientId: string): RateDecision {
    const now = this.now();
    const bucket = this.refilled(clientId, now);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    // Re-inserting keeps the Map in least-recently-seen order for eviction.
    this.buckets.delete(clientId);
    this.buckets.set(clientId, bucket);
    return {
      allowed,
      limit: this.capacity,
      remaining: Math.floor(bucket.tokens),
      resetSeconds: this.secondsFor(this.capacity - bucket.tokens),
      retryAfterSeconds: allowed ? 0 : Math.max(1, this.secondsFor(1 - bucket.tokens)),
    };
  }

  /** Number of clients currently remembered. */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(clientId: string, now: number): Bucket {
    const known = this.buckets.get(clientId);
    if (!known) {
      this.makeRoom(now);
      return { tokens: this.capacity, updatedMs: now };
    }
    const elapsed = Math.max(0, now - known.updatedMs);
    return { tokens: Math.min(this.capacity, known.tokens + elapsed * this.tokensPerMs), updatedMs: now };
  }

  private makeRoom(now: number): void {
    if (this.buckets.size < this.maxClients) return;
    for (const [id, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedMs) * this.tokensPerMs >= this.capacity) this.buckets.delete(id);
    }
    for (const id of this.buckets.keys()) {
      if (this.buckets.size < this.maxClients) break;
      this.buckets.delete(id);
    }
  }

  private secondsFor(tokens: number): number {
    return Math.ceil(Math.max(0, tokens) / this.tokensPerMs / 1000);
  }
}
