import http from 'node:http';
import https from 'node:https';
import type { GotScrapingModule } from './load-got-scraping';

/** The agents one client sends its requests through: one per scheme. */
export interface PooledAgents {
  http: http.Agent;
  https: https.Agent;
  /** Closes every pooled connection (the client's close). */
  destroy(): void;
}

/**
 * How long an idle connection is kept for the next request to its host: Node's own default (its
 * global agent's), shorter than the usual server-side keep-alive timeouts (Apache 5 s, nginx 75 s),
 * and Node also honours a shorter `Keep-Alive: timeout` a server announces.
 */
const IDLE_MS = 5_000;
/** Idle connections kept per host: a page's images come from a handful of hosts, a few at a time. */
const MAX_IDLE_PER_HOST = 16;

/**
 * Keep-alive agents, one pair per client, so that the images of a page (most often on one or two
 * hosts) reuse the connections of the page and of each other instead of paying a TCP (and TLS)
 * handshake each. A pooled connection is safe to reuse under the client's policy: the policy is the
 * client's for its whole life, and every connection in the pool was checked against it when made
 * (the guarded lookup before, the peer check on the socket once connected); a reused socket is
 * checked again as it is handed to a request. Wrapped in got-scraping's TransformHeadersAgent for
 * browser-like header casing and order. `lifo`: the most recently used connection first, the one
 * least likely to have been closed by its server meanwhile; the others expire.
 */
export function pooledAgents(TransformHeadersAgent: GotScrapingModule['TransformHeadersAgent']): PooledAgents {
  const options = { keepAlive: true, timeout: IDLE_MS, maxFreeSockets: MAX_IDLE_PER_HOST, scheduling: 'lifo' as const };
  const plain = new http.Agent(options);
  const secure = new https.Agent(options);
  return {
    http: new TransformHeadersAgent(plain) as unknown as http.Agent,
    https: new TransformHeadersAgent(secure) as unknown as https.Agent,
    destroy() {
      plain.destroy();
      secure.destroy();
    },
  };
}
