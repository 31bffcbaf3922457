import type { HttpClient } from '../http/http-client.port';
import { discardBody } from '../http/limited-body';
import { TDMREP_MAX_BYTES, TDMREP_PATH, parseTdmrepFile, tdmrepReservationFor, type TdmrepRule } from '../opt-outs/tdmrep-file';
import type { OptOut } from '../opt-outs/opt-out';
import { ExpiringLru } from './expiring-lru';
import { ROBOTS_FETCH_LIMITS } from './robots-fetch';
import { readHead } from './robots-rules';

export interface TdmrepPolicyOptions {
  /** Fetches tdmrep.json: the client the pages go through, so the network policy and host limits apply. */
  http: HttpClient;
  /** How long an origin's rules (or their absence) are trusted. Default 1 h, like robots.txt. */
  ttlMs?: number;
  /** Origins cached at most. Default 1000. */
  maxOrigins?: number;
  clock?: () => number;
}

/**
 * What an origin's `/.well-known/tdmrep.json` (TDM Reservation Protocol §3.2) says of a URL, fetched
 * once per origin and cached like robots.txt (bounded LRU with a TTL; concurrent lookups share one
 * fetch). An origin without a valid file does not implement the protocol: any status but 2xx, a body
 * that does not parse, or a failed fetch all mean "no rules" (`unset`). Failing open here is the
 * protocol's own rule; the page's headers and meta tags, read on every fetch, still apply.
 */
export class TdmrepPolicy {
  private readonly cache: ExpiringLru<TdmrepRule[]>;
  private readonly inFlight = new Map<string, Promise<TdmrepRule[]>>();

  constructor(private readonly options: TdmrepPolicyOptions) {
    this.cache = new ExpiringLru(options.maxOrigins ?? 1000, options.clock ?? Date.now);
  }

  /** The origin's rule for `url`: an opt-out, null (`tdm-reservation: 0`), or `unset`. */
  async reservationFor(url: string): Promise<OptOut | null | 'unset'> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 'unset';
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'unset';
    return tdmrepReservationFor(await this.rules(parsed.origin), parsed);
  }

  private rules(origin: string): Promise<TdmrepRule[]> {
    const cached = this.cache.get(origin);
    if (cached) return Promise.resolve(cached);
    let pending = this.inFlight.get(origin);
    if (!pending) {
      pending = this.load(origin).finally(() => this.inFlight.delete(origin));
      this.inFlight.set(origin, pending);
    }
    return pending;
  }

  private async load(origin: string): Promise<TdmrepRule[]> {
    const rules = await fetchTdmrepRules(this.options.http, origin);
    this.cache.set(origin, rules, this.options.ttlMs ?? 60 * 60_000);
    return rules;
  }
}

async function fetchTdmrepRules(http: HttpClient, origin: string): Promise<TdmrepRule[]> {
  let response;
  try {
    response = await http.stream({ url: `${origin}${TDMREP_PATH}`, limits: ROBOTS_FETCH_LIMITS });
  } catch {
    return [];
  }
  try {
    if (response.status < 200 || response.status >= 300) return [];
    return parseTdmrepFile((await readHead(response.body, TDMREP_MAX_BYTES)).toString('utf8'));
  } catch {
    return [];
  } finally {
    await discardBody(response.body);
  }
}
