import {
  effectiveTdmReservation,
  optOutFor,
  tdmHeaderReservation,
  xRobotsTagOptOuts,
  type HttpResponse,
  type OptOut,
  type OptOutTarget,
  type RobotsDirectiveOptions,
} from '@trawl/scraping';

/** What a response's headers (and its origin's tdmrep.json rule) allow, judged before its body is read. */
export interface HeaderVerdict {
  /** The opt-out that stops collecting the resource at all, or null. */
  blocked: OptOut | null;
  /** For a page: an opt-out of its images only (noimageai), or null. */
  imagesBlocked: OptOut | null;
}

/**
 * Judges a response by its headers: X-Robots-Tag (each line as sent, so that a user-agent prefix
 * stays within its line), TDMRep's `tdm-reservation` header over the origin's tdmrep.json rule
 * (the header supersedes the file, TDMRep §3.4). Pure: the fetcher's opt-out client applies it.
 */
export function judgeResponseHeaders(
  response: Pick<HttpResponse, 'headers' | 'headerLines'>,
  target: OptOutTarget,
  tdmrepRule: OptOut | null | 'unset',
  options: RobotsDirectiveOptions,
): HeaderVerdict {
  const robotsLines = response.headerLines?.['x-robots-tag'] ?? response.headers['x-robots-tag'];
  const tdm = effectiveTdmReservation(tdmrepRule, tdmHeaderReservation(response.headers['tdm-reservation'], response.headers['tdm-policy']));
  const optOuts = [...xRobotsTagOptOuts(robotsLines, options), ...(tdm ? [tdm] : [])];
  return { blocked: optOutFor(optOuts, target), imagesBlocked: target === 'page' ? optOutFor(optOuts, 'image') : null };
}
