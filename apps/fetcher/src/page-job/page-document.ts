import { optOutFor, type HttpResponse, type OptOut } from '@trawl/scraping';
import { ContentRejectedError } from '../failures';
import { optedOutError, type JudgedResponse } from '../opt-outs/opt-out-http-client';
import type { ParsedPage } from '../parsing/parsed-page';
import { readBody } from '../read-body';
import { isImageBody, mayBeImage } from './direct-image';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** A page as received: HTML by its Content-Type (or by sniffing when there is none), not yet parsed. */
export interface ReceivedPage {
  finalUrl: string;
  httpStatus: number;
  /** The Content-Type header; undefined when the server sent none. */
  contentType: string | undefined;
  body: Buffer;
  /** The task's URL answered with an image, not HTML: that image is collected (see directImageCommand). */
  isImage?: boolean;
  /** The page's headers opted its images out (noimageai): its text is collected, its images are not. */
  imagesOptedOut?: OptOut;
  /** The task chose to collect regardless of opt-outs: the page's meta tags are not judged either. */
  optOutsIgnored?: true;
}

export interface PageDocument {
  finalUrl: string;
  httpStatus: number;
  contentType: string;
  charset: string;
  bytes: number;
  title: string | null;
  text: string;
  markdown: string | null;
  metadata: ParsedPage['metadata'];
  extraction: ParsedPage['extraction'];
  images: ParsedPage['images'];
  /** The page as received, for TRAWL_KEEP_HTML. */
  body: Buffer;
}

/**
 * Reads a fetched page's body (bounded by the page limits) after checking that it is HTML. Parsing
 * is left to the PageParser, off the event loop and after the host's slot is released.
 */
export async function receivePage(response: HttpResponse): Promise<ReceivedPage> {
  const contentType = response.headers['content-type'] || undefined;
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const { imagesOptedOut, optOutsIgnored } = response as JudgedResponse;
  const received = { finalUrl: response.url, httpStatus: response.status, contentType, ...(imagesOptedOut ? { imagesOptedOut } : {}), ...(optOutsIgnored ? { optOutsIgnored } : {}) };
  if (mediaType && !HTML_TYPES.has(mediaType)) {
    if (!mayBeImage(mediaType)) throw new ContentRejectedError('not-html', `the page is ${mediaType}, not HTML`);
    // An image the site opted out of AI use is not read at all.
    if (imagesOptedOut) throw optedOutError(imagesOptedOut);
    const body = await readBody(response.body);
    if (!(await isImageBody(body))) throw new ContentRejectedError('not-html', `the page is ${mediaType}, neither HTML nor an image`);
    return { ...received, body, isImage: true };
  }
  const body = await readBody(response.body);
  if (!mediaType && !looksLikeHtml(body)) {
    if (!(await isImageBody(body))) throw new ContentRejectedError('not-html', 'the page has no Content-Type and does not look like HTML');
    if (imagesOptedOut) throw optedOutError(imagesOptedOut);
    return { ...received, body, isImage: true };
  }
  return { ...received, body };
}

/** The received page and what parsing found in it. */
export function pageDocument(page: ReceivedPage, parsed: ParsedPage): PageDocument {
  // The page's own <meta> opt-outs (read by the parser only when opt-outs are honoured).
  const metaOptOuts = page.optOutsIgnored ? [] : (parsed.optOuts ?? []);
  const pageOptOut = optOutFor(metaOptOuts, 'page');
  if (pageOptOut) throw optedOutError(pageOptOut);
  const imagesOptedOut = page.imagesOptedOut ?? optOutFor(metaOptOuts, 'image');
  return {
    finalUrl: page.finalUrl,
    httpStatus: page.httpStatus,
    contentType: page.contentType ?? 'text/html',
    charset: parsed.charset,
    bytes: page.body.length,
    title: parsed.title,
    text: parsed.text,
    markdown: parsed.markdown,
    metadata: parsed.metadata,
    extraction: parsed.extraction,
    body: page.body,
    images: imagesOptedOut ? [] : parsed.images,
  };
}

function looksLikeHtml(body: Buffer): boolean {
  const start = body.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<head') || start.startsWith('<body');
}
