import { FetchError } from './fetch-errors';

/**
 * Nothing listens on the host's port: the host answered the connection attempt with a refusal
 * (ECONNREFUSED). Retryable: a server being restarted refuses for a moment.
 */
export class ConnectionRefusedError extends FetchError {
  readonly code = 'connect-refused';
  readonly retryable = true;
  constructor(url: string, options?: { cause?: unknown }) {
    super(url, `${hostAndPort(url)} refused the connection`, options);
  }
}

/** No route to the host or its network (EHOSTUNREACH, ENETUNREACH): retryable, routes come back. */
export class HostUnreachableError extends FetchError {
  readonly code = 'host-unreachable';
  readonly retryable = true;
  constructor(url: string, detail: string, options?: { cause?: unknown }) {
    super(url, `${hostAndPort(url)} is unreachable: ${detail}`, options);
  }
}

/** `host:port` of a URL, the port spelled out even when it is the scheme's default. */
export function hostAndPort(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return url;
  }
}
