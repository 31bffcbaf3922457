import type { OptOut } from './opt-out';
import { tdmReservation } from './tdm-reservation';

/** Where an origin publishes its site-wide TDMRep rules (TDM Reservation Protocol §3.2). */
export const TDMREP_PATH = '/.well-known/tdmrep.json';
/** More than any real rule list; a larger file is read up to here (and then fails to parse: unset). */
export const TDMREP_MAX_BYTES = 256 * 1024;

/** One rule of a tdmrep.json: the resources its `location` pattern matches, and what it says of them. */
export interface TdmrepRule {
  location: string;
  /** An opt-out (`tdm-reservation: 1`) or null (`0`: not reserved). */
  reservation: OptOut | null;
  matches(pathAndQuery: string): boolean;
}

/**
 * Parses a tdmrep.json body: an array of `{location, tdm-reservation, tdm-policy?}`. `location` and a
 * valid `tdm-reservation` (0 or 1) are mandatory; a rule without them is skipped, as is anything that
 * is not an array of objects (the spec: an origin without a valid file does not implement the protocol).
 */
export function parseTdmrepFile(body: string): TdmrepRule[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const rules: TdmrepRule[] = [];
  for (const entry of parsed) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { location, 'tdm-reservation': value, 'tdm-policy': policy } = entry as Record<string, unknown>;
    if (typeof location !== 'string' || location.trim() === '') continue;
    const reservation = tdmReservation(value, policy, 'tdmrep-json');
    if (reservation === 'unset') continue;
    const matcher = locationMatcher(location.trim());
    rules.push({ location, reservation, matches: (path) => matcher.test(normalisePercentEncoding(path)) });
  }
  return rules;
}

/**
 * What the rules say of a URL: the first rule whose pattern matches its path and query ("the most
 * specific match is the first in sequence"), or `unset` when none does.
 */
export function tdmrepReservationFor(rules: readonly TdmrepRule[], url: string | URL): OptOut | null | 'unset' {
  const { pathname, search } = typeof url === 'string' ? new URL(url) : url;
  const rule = rules.find((candidate) => candidate.matches(`${pathname}${search}`));
  return rule === undefined ? 'unset' : rule.reservation;
}

/**
 * A location pattern as a regular expression, with robots.txt's two special characters (the spec
 * borrows them): `*` for any run of characters, a final `$` for the end of the URL. Otherwise a
 * prefix match, case-sensitive, after the same percent-encoding normalisation as the URL. A full URL
 * counts by its path; a pattern without a leading `/` gets one.
 */
function locationMatcher(location: string): RegExp {
  let pattern = /^https?:\/\//i.test(location) ? safePath(location) : location;
  if (!pattern.startsWith('/') && !pattern.startsWith('*')) pattern = `/${pattern}`;
  const anchored = pattern.endsWith('$');
  const body = normalisePercentEncoding(encodeNonAscii(anchored ? pattern.slice(0, -1) : pattern));
  const source = body.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}${anchored ? '$' : ''}`);
}

function safePath(url: string): string {
  try {
    const { pathname, search } = new URL(url);
    return `${pathname}${search}`;
  } catch {
    return url;
  }
}

/** RFC 3986 §6.2.2: escapes of unreserved characters decoded, other escapes upper-cased. */
function normalisePercentEncoding(value: string): string {
  return value.replace(/%([0-9a-fA-F]{2})/g, (escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : escape.toUpperCase();
  });
}

function encodeNonAscii(value: string): string {
  return value.replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char));
}
