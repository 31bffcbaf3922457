import type { Document } from 'domhandler';
import { walkDom } from '../extract/walk-dom';
import type { OptOut } from './opt-out';
import { robotsDirectiveOptOuts, type RobotsDirectiveOptions } from './robots-directives';
import { tdmReservation } from './tdm-reservation';

/** What a page's own `<meta>` tags say: robots opt-outs, and its TDMRep reservation. */
export interface DocumentOptOuts {
  /** From `<meta name="robots">` and `<meta name="<our product token>">`. */
  robots: OptOut[];
  /** From `<meta name="tdm-reservation">` (with `tdm-policy`): an opt-out, null (`0`), or unset. */
  tdmReservation: OptOut | null | 'unset';
}

/**
 * Reads the opt-out `<meta>` tags of a parsed page (one walk; pages put them in the body too, so the
 * whole document is read). The first `tdm-reservation` and `tdm-policy` tags count, as a browser reads
 * the first `<meta name=…>` of a kind.
 */
export function documentOptOuts(document: Document, options: RobotsDirectiveOptions): DocumentOptOuts {
  const ownName = options.productToken.toLowerCase();
  const robotsContents: string[] = [];
  let reservation: string | undefined;
  let policy: string | undefined;
  walkDom(document, {
    enter(element) {
      if (element.name === 'template') return false;
      if (element.name !== 'meta') return true;
      const name = element.attribs.name?.trim().toLowerCase();
      const content = element.attribs.content;
      if (name === undefined || content === undefined) return true;
      if (name === 'robots' || name === ownName) robotsContents.push(content);
      else if (name === 'tdm-reservation') reservation ??= content;
      else if (name === 'tdm-policy') policy ??= content;
      return true;
    },
  });
  return {
    robots: robotsDirectiveOptOuts(robotsContents, 'meta-robots', options),
    tdmReservation: tdmReservation(reservation, policy, 'tdm-reservation-meta'),
  };
}
