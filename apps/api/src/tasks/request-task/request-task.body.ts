import { z } from 'zod';
import { collectKind } from '@trawl/domain';

export const MAX_URL_LENGTH = 2048;

/** An absolute http(s) URL without credentials, normalised by the WHATWG URL parser. */
export const pageUrl = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
  .transform((value, context) => {
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
    return url.href;
  })
  .describe('The page to collect: an absolute http or https URL');

export const requestTaskBody = z
  .object({
    url: pageUrl,
    collect: z
      .array(collectKind)
      .min(1, 'must name at least one of text, images')
      .max(2)
      .default(['text', 'images'])
      .describe('What to collect; both by default'),
  })
  .strict();

export type RequestTaskBody = z.infer<typeof requestTaskBody>;
