import type { HttpResponse } from '@trawl/scraping';
import { ContentRejectedError } from '../failures';
import type { ParsedPage } from '../parsing/parsed-page';
import { readBody } from '../read-body';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** A page as received: HTML by its Content-Type (or by sniffing when there is none), not yet parsed. */
export interface ReceivedPage {
  finalUrl: string;
  httpStatus: number;
  /** The Content-Type header; undefined when the server sent none. */
  contentType: string | undefined;
  body: Buffer;
}

export interface PageDocument {
  finalUrl: string;
  httpStatus: number;
  contentType: string;
  charset: string;
  bytes: number;
  title: string | null;
  text: string;
  images: ParsedPage['images'];
}

/**
 * Reads a fetched page's body (bounded by the page limits) after checking that it is HTML. Parsing
 * is left to the PageParser, off the event loop and after the host's slot is released.
 */
export async function receivePage(response: HttpResponse): Promise<ReceivedPage> {
  const contentType = response.headers['content-type'] || undefined;
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType && !HTML_TYPES.has(mediaType)) {
    throw new ContentRejectedError('not-html', `the page is ${mediaType}, not HTML`);
  }
  const body = await readBody(response.body);
  if (!mediaType && !looksLikeHtml(body)) {
    throw new ContentRejectedError('not-html', 'the page has no Content-Type and does not look like HTML');
  }
  return { finalUrl: response.url, httpStatus: response.status, contentType, body };
}

/** The received page and what parsing found in it. */
export function pageDocument(page: ReceivedPage, parsed: ParsedPage): PageDocument {
  return {
    finalUrl: page.finalUrl,
    httpStatus: page.httpStatus,
    contentType: page.contentType ?? 'text/html',
    charset: parsed.charset,
    bytes: page.body.length,
    title: parsed.title,
    text: parsed.text,
    images: parsed.images,
  };
}

function looksLikeHtml(body: Buffer): boolean {
  const start = body.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<head') || start.startsWith('<body');
}
