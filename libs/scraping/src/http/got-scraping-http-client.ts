import { once } from 'node:events';
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { isIP, type Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { NetworkPolicy } from '../network-policy';
import { browserHeaders, withoutCredentials } from './browser-headers';
import { BlockedAddressError, BodyTooLargeError } from './fetch-errors';
import type { FetchLimits } from './fetch-limits';
import { guardedLookup } from './guarded-lookup';
import type { HttpClient, HttpRequest, HttpResponse } from './http-client.port';
import { limitedBody } from './limited-body';
import { loadGotScraping, type GotScrapingRuntime } from './load-got-scraping';
import { pooledAgents, type PooledAgents } from './pooled-agents';
import { RedirectChain, parseFetchUrl, redirectLocation } from './redirect-chain';
import { refuseBlockedPeer } from './refuse-blocked-peer';
import { translateFetchError } from './translate-fetch-error';

export const DEFAULT_USER_AGENT = 'trawl/0.1 (+https://github.com/trawl)';

export interface GotScrapingHttpClientOptions {
  /** Checked on the address of every hop before connecting, and again on the connected socket. */
  policy: NetworkPolicy;
  /** Sent on every request (over the generated browser User-Agent) unless the request sets one. */
  userAgent?: string;
}

interface Hop {
  stream: Readable;
  response: IncomingMessage & { ip?: string };
}

/**
 * A request sent on a pooled connection that its server had closed meanwhile (it sees the close only
 * when it writes): sent again, on another connection, before any answer came. A GET, so safe to
 * send again; bounded, as each stale connection is dropped from the pool by its failure.
 */
const STALE_CONNECTION_RESENDS = 2;
const STALE_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * The HttpClient adapter over got-scraping. Redirects are followed here, not by got, so that every
 * hop passes the scheme check, the address check, the redirect count and the loop check.
 */
export class GotScrapingHttpClient implements HttpClient {
  private readonly userAgent: string;
  /** This client's keep-alive connections (see pooledAgents); made with the first request. */
  private agents: PooledAgents | null = null;
  private closed = false;

  constructor(private readonly options: GotScrapingHttpClientOptions) {
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  }

  /** got-scraping and its header generator: ~0.3 s on a quiet machine, paid by the first request otherwise. */
  async warmUp(): Promise<void> {
    await loadGotScraping().catch(() => undefined);
  }

  /** Closes the pooled connections; a request after it fails as the client is closed. */
  async close(): Promise<void> {
    this.closed = true;
    this.agents?.destroy();
    this.agents = null;
  }

  async stream(request: HttpRequest): Promise<HttpResponse> {
    const { limits } = request;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), limits.totalTimeoutMs).unref();
    const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
    let url = request.url;
    const fail = (error: unknown) =>
      translateFetchError(error, { ...limits, url, deadlineExpired: deadline.signal.aborted, callerSignal: request.signal });
    try {
      signal.throwIfAborted();
      const runtime = await loadGotScraping();
      if (this.closed) throw new Error('the HTTP client is closed');
      this.agents ??= pooledAgents(runtime.TransformHeadersAgent);
      const chain = new RedirectChain(parseFetchUrl(request.url), limits.maxRedirects);
      const origin = chain.url.origin;
      for (;;) {
        url = chain.url.href;
        const callerHeaders = chain.url.origin === origin ? request.headers : withoutCredentials(request.headers ?? {});
        const hop = await this.openHop(runtime, chain.url, callerHeaders, signal, limits);
        const location = redirectLocation(hop.response.statusCode ?? 0, hop.response.headers.location);
        if (location === null) {
          return this.toResponse(hop, chain, limits, fail, () => clearTimeout(timer));
        }
        hop.stream.destroy();
        chain.follow(location);
      }
    } catch (error) {
      clearTimeout(timer);
      throw fail(error);
    }
  }

  private async openHop(
    runtime: GotScrapingRuntime,
    url: URL,
    headers: Record<string, string> | undefined,
    signal: AbortSignal,
    limits: FetchLimits,
  ): Promise<Hop> {
    for (let resends = 0; ; resends += 1) {
      const sent = this.sendHop(runtime, url, headers, signal, limits);
      try {
        return await sent.hop;
      } catch (error) {
        const stale = sent.onReusedConnection() && STALE_CONNECTION_CODES.has((error as { code?: string }).code ?? '');
        if (!stale || resends >= STALE_CONNECTION_RESENDS || signal.aborted) throw error;
      }
    }
  }

  private sendHop(
    runtime: GotScrapingRuntime,
    url: URL,
    headers: Record<string, string> | undefined,
    signal: AbortSignal,
    limits: FetchLimits,
  ): { hop: Promise<Hop>; onReusedConnection: () => boolean } {
    const { policy } = this.options;
    // Closed since the request began: close() ends the connections in use, so this is for a hop
    // that starts after it (the fetcher closes its client once its jobs are done or aborted).
    const agents = this.agents;
    if (!agents) throw new Error('the HTTP client is closed');
    // Node connects to an IP literal without calling `lookup`, so the guarded lookup never sees it.
    const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(literal)) {
      const verdict = policy.check(literal);
      if (!verdict.allowed) throw new BlockedAddressError(url.href, literal, verdict.reason);
    }
    const stream = runtime.gotScraping.stream(url, {
      headers: browserHeaders(runtime.headerGenerator, this.userAgent, headers),
      useHeaderGenerator: false,
      // got-scraping's HTTP/2 path goes through http2-wrapper: its ALPN probe and its process-wide
      // session pool bypass our agent and the per-socket peer check. HTTP/1.1 keeps one path.
      http2: false,
      agent: { http: agents.http, https: agents.https },
      dnsLookup: guardedLookup(policy, url.href),
      followRedirect: false,
      retry: { limit: 0 },
      throwHttpErrors: false,
      decompress: true,
      signal,
      timeout: {
        lookup: limits.connectTimeoutMs,
        connect: limits.connectTimeoutMs,
        secureConnect: limits.connectTimeoutMs,
        request: limits.totalTimeoutMs,
      },
    });
    // Failures reach the caller through `once` below and the body's iterator. When the deadline
    // aborts a request that has no response yet, got also emits 'error' on the next tick, after
    // `once` has stopped listening: unheard, that event would crash the process (a server that
    // accepts and never answers). This listener only keeps it from being unheard.
    stream.on('error', () => undefined);
    let sentOn: ClientRequest | null = null;
    stream.once('request', (request: ClientRequest) => {
      sentOn = request;
      // A pooled socket is checked again as it is handed over: the same check, on the same address.
      request.once('socket', (socket: Socket) => refuseBlockedPeer(socket, policy, url.href));
    });
    const hop = once(stream, 'response', { signal }).then(
      ([response]) => ({ stream, response: response as Hop['response'] }),
      (error: unknown) => {
        stream.destroy();
        throw error;
      },
    );
    return { hop, onReusedConnection: () => (sentOn as ClientRequest | null)?.reusedSocket === true };
  }

  private toResponse(
    hop: Hop,
    chain: RedirectChain,
    limits: FetchLimits,
    translate: (error: unknown) => unknown,
    settled: () => void,
  ): HttpResponse {
    const { response, stream } = hop;
    const url = chain.url.href;
    // Refused before reading a byte; for an encoded body this is the compressed size, which is
    // already past the limit, and the decompressed size can only be larger in practice.
    const declared = Number(response.headers['content-length'] ?? Number.NaN);
    if (declared > limits.maxBytes) {
      stream.destroy();
      throw new BodyTooLargeError(url, limits.maxBytes);
    }
    return {
      url,
      status: response.statusCode ?? 0,
      headers: flattenHeaders(response.headers),
      headerLines: headerLinesOf(response.rawHeaders),
      redirects: chain.redirects,
      remoteAddress: response.ip ?? response.socket?.remoteAddress ?? '',
      body: limitedBody(stream, { url, maxBytes: limits.maxBytes, translate, settled }),
    };
  }
}

function headerLinesOf(rawHeaders: readonly string[] | undefined): Record<string, string[]> {
  const lines: Record<string, string[]> = {};
  for (let index = 0; index + 1 < (rawHeaders?.length ?? 0); index += 2) {
    const name = rawHeaders![index].toLowerCase();
    (lines[name] ??= []).push(rawHeaders![index + 1]);
  }
  return lines;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
