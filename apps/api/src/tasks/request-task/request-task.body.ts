import { z } from 'zod';
import { collectKind } from '@trawl/domain';
import { webhookField } from './webhook-field';
import { textOptionsField } from './text-options-field';
import { expiresAtField } from './expires-at-field';
import { reuseField } from './reuse-field';
import { thumbnailsField } from './thumbnails-field';

export const MAX_URL_LENGTH = 2048;
// C0 controls and DEL (whitespace at either end is trimmed first).
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** An absolute http(s) URL without credentials, normalised by the WHATWG URL parser. */
export const pageUrl = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
  .transform((value, context) => {
    // The WHATWG parser silently drops tabs and newlines anywhere (`exa\nmple.com` is example.com):
    // a URL that only parses after such surgery is refused rather than guessed at.
    if (CONTROL_CHARACTER.test(value)) {
      context.addIssue({ code: 'custom', message: 'must not contain control characters' });
      return z.NEVER;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      context.addIssue({ code: 'custom', message: 'must be an absolute URL' });
      return z.NEVER;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      context.addIssue({ code: 'custom', message: `scheme ${url.protocol.slice(0, -1)} is not allowed; use http or https` });
      return z.NEVER;
    }
    if (url.username || url.password) {
      context.addIssue({ code: 'custom', message: 'must not contain credentials' });
      return z.NEVER;
    }
    // IDN hosts become punycode and non-ASCII is percent-encoded, so the stored form can be longer.
    if (url.href.length > MAX_URL_LENGTH) {
      context.addIssue({ code: 'custom', message: `must be at most ${MAX_URL_LENGTH} characters once normalised` });
      return z.NEVER;
    }
    return url.href;
  })
  .describe('The page to collect: an absolute http or https URL');

export const requestTaskBody = z
  .object({
    url: pageUrl,
    collect: z
      .array(collectKind)
      .min(1, 'must name at least one of text, images')
      .refine((kinds) => new Set(kinds).size === kinds.length, 'must not name a kind twice')
      .default(['text', 'images'])
      .describe('What to collect; both by default'),
    respectRobots: z
      .boolean()
      .default(true)
      .describe("Honour the site's robots.txt for the page and its images (default true); false fetches what robots.txt disallows"),
    webhook: webhookField.optional(),
    respectOptOuts: z
      .boolean()
      .default(true)
      .describe("Honour the sites' AI opt-outs (X-Robots-Tag noai/noimageai, <meta name=robots>, TDMRep) for the page and its images (default true; the server's TRAWL_RESPECT_OPT_OUTS=false turns them off for all)"),
    thumbnails: thumbnailsField.optional(),
    text: textOptionsField.optional(),
    expiresAt: expiresAtField.optional(),
    reuse: reuseField,
  })
  .strict();

export type RequestTaskBody = z.infer<typeof requestTaskBody>;
