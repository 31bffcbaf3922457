import { HttpStatusError, discardBody, statusError, type HttpResponse } from '@trawl/scraping';

/** Only a 2xx carries content; any other status becomes an HttpStatusError and its body is released. */
export async function ensureSuccess(response: HttpResponse, now: () => number = Date.now): Promise<HttpResponse> {
  if (response.status >= 200 && response.status < 300) return response;
  const failure = statusError(response, now()) ?? new HttpStatusError(response.url, response.status);
  await discardBody(response.body);
  throw failure;
}
