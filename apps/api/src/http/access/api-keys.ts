import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The configured API keys (`TRAWL_API_KEYS`) and the check of a presented one.
 *
 * Keys are compared as SHA-256 digests with `timingSafeEqual`, against every configured key without
 * stopping at a match: the time a check takes says nothing about how much of a guess was right, nor
 * which key matched. Only digests are kept after construction.
 */
export class ApiKeys {
  private readonly digests: { digest: Buffer; id: string }[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map((key) => {
      const digest = sha256(key);
      // A short, stable, non-secret name for logs and rate-limit buckets.
      return { digest, id: `key:${digest.subarray(0, 6).toString('hex')}` };
    });
  }

  /** With no key configured the API is open. */
  get enabled(): boolean {
    return this.digests.length > 0;
  }

  /** The id of the configured key equal to `presented`, or null. */
  identify(presented: string): string | null {
    const digest = sha256(presented);
    let match: string | null = null;
    for (const candidate of this.digests) {
      if (timingSafeEqual(candidate.digest, digest)) match = candidate.id;
    }
    return match;
  }
}

/**
 * The key a request presents: `Authorization: Bearer <key>`, else `X-API-Key: <key>`. An Authorization
 * header of another scheme (Basic, say) presents nothing, and a repeated X-API-Key is not guessed at.
 */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const bearer = headers.authorization?.match(BEARER)?.[1];
  if (bearer) return bearer;
  const header = headers['x-api-key'];
  return typeof header === 'string' && header.trim() ? header.trim() : undefined;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
