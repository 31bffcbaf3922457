import type { OptOut, OptOutSignal } from './opt-out';

export interface RobotsDirectiveOptions {
  /** The crawler's product token (e.g. `trawl`): directives addressed to other crawlers do not apply. */
  productToken: string;
  /** Also honour `noindex` and `none` as opt-outs (off by default: they are about search engines). */
  honourNoindex: boolean;
}

/**
 * Directives whose value contains a colon, so that `max-snippet: 20` is not read as a user-agent
 * prefix named `max-snippet` (Google's rule for X-Robots-Tag).
 */
const VALUED_DIRECTIVES = new Set(['unavailable_after', 'max-snippet', 'max-image-preview', 'max-video-preview']);

/**
 * The opt-outs in robots directives (`noai, noimageai`), as X-Robots-Tag values and `<meta name=robots>`
 * contents carry them. A value may start with a user-agent (`otherbot: noai`); the directives after it
 * apply only to that crawler, until the next user-agent prefix. Names are compared case-insensitively.
 */
export function robotsDirectiveOptOuts(values: readonly string[], signal: OptOutSignal, options: RobotsDirectiveOptions): OptOut[] {
  const ownToken = options.productToken.toLowerCase();
  const optOuts: OptOut[] = [];
  for (const value of values) {
    let appliesToUs = true;
    for (const rawPart of value.split(',')) {
      let part = rawPart.trim().toLowerCase();
      const colon = part.indexOf(':');
      if (colon > 0) {
        const name = part.slice(0, colon).trim();
        if (!VALUED_DIRECTIVES.has(name)) {
          appliesToUs = name === ownToken || name === '*';
          part = part.slice(colon + 1).trim();
        }
      }
      if (!appliesToUs || part === '') continue;
      const optOut = directiveOptOut(part, signal, options.honourNoindex);
      if (optOut && !optOuts.some((known) => known.directive === optOut.directive)) optOuts.push(optOut);
    }
  }
  return optOuts;
}

function directiveOptOut(directive: string, signal: OptOutSignal, honourNoindex: boolean): OptOut | null {
  switch (directive) {
    case 'noai':
      return { signal, directive, covers: 'all' };
    case 'noimageai':
      return { signal, directive, covers: 'images' };
    case 'noindex':
    case 'none':
      return honourNoindex ? { signal, directive, covers: 'all' } : null;
    default:
      return null;
  }
}
