import fc from 'fast-check';
import { TokenBucketLimiter } from './token-bucket';

/** A limiter on a clock the test moves by hand. */
function limiter(perMinute: number, maxClients?: number) {
  let now = 1_000_000;
  const bucket = new TokenBucketLimiter({ perMinute, maxClients, now: () => now });
  return { bucket, advance: (ms: number) => (now += ms) };
}

describe('TokenBucketLimiter', () => {
  it('lets a burst of perMinute through, then refuses with the wait until the next token', () => {
    const { bucket } = limiter(60);
    const decisions = Array.from({ length: 61 }, () => bucket.take('a'));
    expect(decisions.slice(0, 60).every((decision) => decision.allowed)).toBe(true);
    expect(decisions[0]).toMatchObject({ limit: 60, remaining: 59, retryAfterSeconds: 0, resetSeconds: 1 });
    expect(decisions[59]).toMatchObject({ remaining: 0, resetSeconds: 60 });
    expect(decisions[60]).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1, resetSeconds: 60 });
  });

  it('refills continuously at perMinute / 60 tokens a second', () => {
    const { bucket, advance } = limiter(6); // one token every 10 s
    for (let n = 0; n < 6; n += 1) bucket.take('a');
    expect(bucket.take('a')).toMatchObject({ allowed: false, retryAfterSeconds: 10 });
    advance(4_000);
    expect(bucket.take('a')).toMatchObject({ allowed: false, retryAfterSeconds: 6 });
    advance(6_000);
    expect(bucket.take('a')).toMatchObject({ allowed: true, remaining: 0 });
    expect(bucket.take('a').allowed).toBe(false);
    advance(10 * 60_000);
    expect(bucket.take('a')).toMatchObject({ allowed: true, remaining: 5 });
  });

  it('keeps one bucket per client', () => {
    const { bucket } = limiter(2);
    bucket.take('a');
    bucket.take('a');
    expect(bucket.take('a').allowed).toBe(false);
    expect(bucket.take('b')).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('a refused request takes no token: waiting Retry-After is always enough', () => {
    const { bucket, advance } = limiter(3);
    for (let n = 0; n < 3; n += 1) bucket.take('a');
    for (let n = 0; n < 50; n += 1) bucket.take('a');
    const refused = bucket.take('a');
    advance(refused.retryAfterSeconds * 1000);
    expect(bucket.take('a').allowed).toBe(true);
  });

  it('never allows more than burst + elapsed * rate (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 300 }), (perMinute, gaps) => {
        const { bucket, advance } = limiter(perMinute);
        let allowed = 0;
        let elapsed = 0;
        for (const gap of gaps) {
          advance(gap);
          elapsed += gap;
          if (bucket.take('a').allowed) allowed += 1;
        }
        return allowed <= perMinute + Math.floor((elapsed * perMinute) / 60_000);
      }),
    );
  });

  it('remembers at most maxClients, forgetting full buckets before the least recently seen', () => {
    const { bucket, advance } = limiter(60, 3);
    bucket.take('busy');
    for (let n = 0; n < 59; n += 1) bucket.take('busy');
    bucket.take('idle-1');
    bucket.take('idle-2');
    advance(5_000); // the idle buckets refill completely; 'busy' has 5 tokens back of 60
    bucket.take('new');
    expect(bucket.size).toBeLessThanOrEqual(3);
    // 'busy' is still remembered: its bucket is not full, so forgetting it would hand out tokens.
    expect(bucket.take('busy')).toMatchObject({ allowed: true, remaining: 4 });
  });

  it('evicts the least recently seen client when every bucket is in use', () => {
    const { bucket } = limiter(60, 2);
    bucket.take('a');
    bucket.take('b');
    bucket.take('a'); // 'b' is now the least recently seen
    bucket.take('c');
    expect(bucket.size).toBe(2);
    expect(bucket.take('a').remaining).toBe(57);
    expect(bucket.take('b').remaining).toBe(59); // forgotten: a fresh bucket
  });

  it('refuses a non-positive rate', () => {
    expect(() => new TokenBucketLimiter({ perMinute: 0 })).toThrow(RangeError);
  });
});
