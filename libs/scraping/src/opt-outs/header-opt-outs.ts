import type { OptOut } from './opt-out';
import { robotsDirectiveOptOuts, type RobotsDirectiveOptions } from './robots-directives';
import { tdmReservation } from './tdm-reservation';

type HeaderValue = string | readonly string[] | undefined;

/**
 * The opt-outs in a response's X-Robots-Tag header(s). Pass each header line separately when you can
 * (got's `rawHeaders`, undici's `getSetCookie`-like accessors): Node joins repeated headers with
 * commas, and then a user-agent prefix in one line would seem to cover the next line's directives too.
 */
export function xRobotsTagOptOuts(value: HeaderValue, options: RobotsDirectiveOptions): OptOut[] {
  return robotsDirectiveOptOuts(asList(value), 'x-robots-tag', options);
}

/**
 * The TDMRep reservation in a response's `tdm-reservation` / `tdm-policy` headers: an opt-out for `1`,
 * null for `0`, and `unset` for anything else (absent, or a protocol error the spec says to ignore).
 * `0` matters: a header says "not reserved" for this resource, superseding a tdmrep.json rule.
 */
export function tdmHeaderReservation(reservation: HeaderValue, policy: HeaderValue): OptOut | null | 'unset' {
  const first = asList(reservation)[0];
  return tdmReservation(first, asList(policy)[0], 'tdm-reservation-header');
}

function asList(value: HeaderValue): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}
