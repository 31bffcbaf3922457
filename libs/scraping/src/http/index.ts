export { DEFAULT_FETCH_LIMITS } from './fetch-limits';
export type { FetchLimits } from './fetch-limits';
export { HTTP_CLIENT } from './http-client.port';
export type { HttpClient, HttpRequest, HttpResponse } from './http-client.port';
export {
  BlockedAddressError,
  BodyTooLargeError,
  ConnectionFailedError,
  ConnectionResetError,
  DecompressionFailedError,
  DnsFailureError,
  FetchError,
  FetchTimeoutError,
  InvalidUrlError,
  RedirectLoopError,
  TooManyRedirectsError,
  UnsupportedSchemeError,
} from './fetch-errors';
export { HttpStatusError, parseRetryAfter, statusError } from './http-status-error';
export { discardBody } from './limited-body';
export { DEFAULT_USER_AGENT, GotScrapingHttpClient } from './got-scraping-http-client';
export type { GotScrapingHttpClientOptions } from './got-scraping-http-client';
