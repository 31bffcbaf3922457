import { ConnectionRefusedError, HostUnreachableError } from './connection-errors';
import {
  ConnectionFailedError,
  ConnectionResetError,
  DecompressionFailedError,
  DnsFailureError,
  FetchError,
  FetchTimeoutError,
} from './fetch-errors';

/** What the client knows when an error reaches it. */
export interface FailureContext {
  /** The hop being fetched. */
  url: string;
  /** True once the whole-fetch timer fired: whatever error it caused is a timeout. */
  deadlineExpired: boolean;
  totalTimeoutMs: number;
  connectTimeoutMs: number;
  /** The caller's signal: when it is aborted, its reason is rethrown as is. */
  callerSignal?: AbortSignal;
}

const DNS_FINAL = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_FAIL', 'ENONAME', 'EAI_NODATA']);
const DNS_TEMPORARY = new Set(['EAI_AGAIN', 'ESERVFAIL', 'ETIMEOUT']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);
const CONNECT_PHASES = new Set(['lookup', 'connect', 'secureConnect']);

interface ErrorLike {
  code?: unknown;
  syscall?: unknown;
  hostname?: unknown;
  event?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The error and its causes, outermost first (got wraps the real error as `cause`). */
function chain(error: unknown): ErrorLike[] {
  const links: ErrorLike[] = [];
  for (let link = error; link && typeof link === 'object' && links.length < 8; link = (link as ErrorLike).cause) {
    links.push(link as ErrorLike);
  }
  return links;
}

function isZlibError(link: ErrorLike): boolean {
  const code = typeof link.code === 'string' ? link.code : '';
  return code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code.startsWith('ERR__ERROR') || code === 'ERR_ZLIB_INITIALIZATION_FAILED';
}

/**
 * Turns whatever got, net, dns or zlib threw into a FetchError, each connection failure under a code
 * that says what happened (`connect-refused`, `host-unreachable`, `connection-reset`, `dns-failure`,
 * `timeout`). Unknown failures (a TLS handshake, a malformed response) become
 * `connection-failed` (retryable): a bounded number of retries is cheaper than losing a page to
 * an error we did not foresee.
 */
export function translateFetchError(error: unknown, context: FailureContext): unknown {
  const { url } = context;
  const links = chain(error);
  // Our own verdicts (blocked address from the lookup or the peer check) come wrapped by got.
  const own = links.find((link): link is FetchError => link instanceof FetchError);
  if (own) return own;
  if (context.deadlineExpired) return new FetchTimeoutError(url, 'total', context.totalTimeoutMs, { cause: error });
  if (context.callerSignal?.aborted) return context.callerSignal.reason;
  const detail = String(links[links.length - 1]?.message ?? error);

  const timeout = links.find((link) => link.code === 'ETIMEDOUT' && typeof link.event === 'string');
  if (timeout) {
    return CONNECT_PHASES.has(timeout.event as string)
      ? new FetchTimeoutError(url, 'connect', context.connectTimeoutMs, { cause: error })
      : new FetchTimeoutError(url, 'total', context.totalTimeoutMs, { cause: error });
  }
  if (links.some(isZlibError)) return new DecompressionFailedError(url, detail, { cause: error });

  const codes = links.map((link) => (typeof link.code === 'string' ? link.code : ''));
  const dns = links.find((link) => link.syscall === 'getaddrinfo' || link.syscall === 'queryA');
  const host = typeof dns?.hostname === 'string' ? dns.hostname : new URL(url).hostname;
  if (codes.some((code) => DNS_FINAL.has(code))) return new DnsFailureError(url, host, false, detail, { cause: error });
  if (dns || codes.some((code) => DNS_TEMPORARY.has(code))) {
    return new DnsFailureError(url, host, true, detail, { cause: error });
  }
  if (codes.includes('ECONNREFUSED')) return new ConnectionRefusedError(url, { cause: error });
  if (codes.some((code) => UNREACHABLE.has(code))) return new HostUnreachableError(url, detail, { cause: error });
  if (codes.some((code) => RESET.has(code))) {
    return new ConnectionResetError(url, detail, { cause: error });
  }
  return new ConnectionFailedError(url, detail, { cause: error });
}
