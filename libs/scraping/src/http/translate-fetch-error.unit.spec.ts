import { BlockedAddressError } from './fetch-errors';
import { translateFetchError, type FailureContext } from './translate-fetch-error';

const context: FailureContext = {
  url: 'http://site.test/page',
  deadlineExpired: false,
  totalTimeoutMs: 30_000,
  connectTimeoutMs: 5_000,
};

/** got wraps the real error: a RequestError whose code is copied and whose cause is the original. */
function gotWrapped(cause: Record<string, unknown> & { message: string }, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(cause.message, { cause: Object.assign(new Error(cause.message), cause) }), {
    name: 'RequestError',
    code: cause.code,
    ...extra,
  });
}

describe('translateFetchError', () => {
  it.each([
    ['NXDOMAIN', { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'nope.test', message: 'getaddrinfo ENOTFOUND' }, 'dns-failure', false],
    ['no data', { code: 'ENODATA', syscall: 'getaddrinfo', hostname: 'nope.test', message: 'ENODATA' }, 'dns-failure', false],
    ['resolver unsure', { code: 'EAI_AGAIN', syscall: 'getaddrinfo', hostname: 'site.test', message: 'EAI_AGAIN' }, 'dns-failure', true],
    ['refused', { code: 'ECONNREFUSED', syscall: 'connect', message: 'connect ECONNREFUSED' }, 'connect-refused', true],
    ['host unreachable', { code: 'EHOSTUNREACH', syscall: 'connect', message: 'EHOSTUNREACH' }, 'host-unreachable', true],
    ['network unreachable', { code: 'ENETUNREACH', syscall: 'connect', message: 'ENETUNREACH' }, 'host-unreachable', true],
    ['reset', { code: 'ECONNRESET', message: 'read ECONNRESET' }, 'connection-reset', true],
    ['broken pipe', { code: 'EPIPE', message: 'write EPIPE' }, 'connection-reset', true],
    ['premature close', { code: 'ERR_STREAM_PREMATURE_CLOSE', message: 'Premature close' }, 'connection-reset', true],
    ['bad gzip', { code: 'Z_DATA_ERROR', errno: -3, message: 'incorrect header check' }, 'decompression-failed', false],
    ['bad brotli', { code: 'ERR__ERROR_FORMAT_PADDING_1', errno: -14, message: 'brotli' }, 'decompression-failed', false],
    ['malformed response', { code: 'HPE_INVALID_CONSTANT', message: 'Parse Error' }, 'connection-failed', true],
    ['unknown', { message: 'something odd' }, 'connection-failed', true],
  ])('%s -> %s (retryable %s)', (_label, cause, code, retryable) => {
    expect(translateFetchError(gotWrapped(cause), context)).toMatchObject({ code, retryable, url: context.url });
  });

  it('says which host refused, with the URL once', () => {
    const error = translateFetchError(gotWrapped({ code: 'ECONNREFUSED', syscall: 'connect', message: 'connect ECONNREFUSED 127.0.0.1:8999' }), {
      ...context, url: 'http://127.0.0.1:8999/robots.txt',
    }) as Error;
    expect(error.message).toBe('127.0.0.1:8999 refused the connection (http://127.0.0.1:8999/robots.txt)');
    const defaultPort = translateFetchError(gotWrapped({ code: 'ECONNREFUSED', message: 'x' }), context) as Error;
    expect(defaultPort.message).toMatch(/^site\.test:80 refused the connection/);
  });

  it('keeps the host a DNS failure names', () => {
    const error = gotWrapped({ code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'nope.test', message: 'x' });
    expect(translateFetchError(error, context)).toMatchObject({ host: 'nope.test' });
  });

  it.each([
    ['lookup', 'connect', 5_000],
    ['connect', 'connect', 5_000],
    ['secureConnect', 'connect', 5_000],
    ['request', 'total', 30_000],
    ['socket', 'total', 30_000],
  ])("got's %s timeout -> timeout (%s)", (event, phase, timeoutMs) => {
    const error = Object.assign(new Error(`Timeout awaiting '${event}'`), { code: 'ETIMEDOUT', event });
    expect(translateFetchError(error, context)).toMatchObject({ code: 'timeout', retryable: true, phase, timeoutMs });
  });

  it('anything after the whole-fetch deadline fired is a timeout', () => {
    const aborted = Object.assign(new Error('This operation was aborted.'), { code: 'ERR_ABORTED' });
    expect(translateFetchError(aborted, { ...context, deadlineExpired: true })).toMatchObject({ code: 'timeout', phase: 'total' });
  });

  it("a caller's abort is rethrown with the caller's reason", () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    controller.abort(reason);
    const aborted = Object.assign(new Error('aborted'), { code: 'ERR_ABORTED' });
    expect(translateFetchError(aborted, { ...context, callerSignal: controller.signal })).toBe(reason);
  });

  it('returns our own error found anywhere in the cause chain, even after the deadline', () => {
    const blocked = new BlockedAddressError(context.url, '10.0.0.1', 'private');
    const wrapped = new Error('wrapper', { cause: new Error('inner', { cause: blocked }) });
    expect(translateFetchError(wrapped, { ...context, deadlineExpired: true })).toBe(blocked);
  });
});
