/** Where a site said "not for AI training / text and data mining". */
export type OptOutSignal = 'x-robots-tag' | 'meta-robots' | 'tdm-reservation-header' | 'tdm-reservation-meta' | 'tdmrep-json';

/**
 * One opt-out a site expressed. `covers`: `all` (the resource, and for a page the images on it too:
 * noai, noindex, none, a TDM reservation) or `images` (noimageai: a page's text may be used, its
 * images may not).
 */
export interface OptOut {
  signal: OptOutSignal;
  /** The directive as the site wrote it, lower-cased: `noai`, `noimageai`, `noindex`, `none`, `tdm-reservation: 1`. */
  directive: string;
  covers: 'all' | 'images';
  /** TDMRep's `tdm-policy`: where the rightsholder says how to get a licence, when given. */
  policy?: string;
}

/** What the resource being judged is: a page (its text), or an image. */
export type OptOutTarget = 'page' | 'image';

/**
 * The opt-out that stops collecting `target`, or null. A page is skipped by an opt-out that covers
 * everything; an image by any opt-out (noimageai included). Of several, the first found is named.
 */
export function optOutFor(optOuts: readonly OptOut[], target: OptOutTarget): OptOut | null {
  return optOuts.find((optOut) => target === 'image' || optOut.covers === 'all') ?? null;
}

/** The message of a skipped resource's `opted-out` error: which signal, which directive, and the policy. */
export function describeOptOut(optOut: OptOut): string {
  const where: Record<OptOutSignal, string> = {
    'x-robots-tag': 'the X-Robots-Tag response header',
    'meta-robots': 'a <meta name="robots"> tag',
    'tdm-reservation-header': 'the tdm-reservation response header (TDMRep)',
    'tdm-reservation-meta': 'a <meta name="tdm-reservation"> tag (TDMRep)',
    'tdmrep-json': "the site's /.well-known/tdmrep.json (TDMRep)",
  };
  const policy = optOut.policy ? `; licensing policy: ${optOut.policy}` : '';
  return `the site opted out of AI training / text and data mining with ${optOut.directive} in ${where[optOut.signal]}${policy}`;
}
