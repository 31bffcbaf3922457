import { decodeHtml, discoverImages, extractText, type DiscoveredImage as FoundImage } from '@trawl/scraping';
import type { HttpResponse } from '@trawl/scraping';
import { ContentRejectedError } from './failures';
import { readBody } from './read-body';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export interface PageDocument {
  finalUrl: string;
  httpStatus: number;
  contentType: string;
  charset: string;
  bytes: number;
  title: string | null;
  text: string;
  images: FoundImage[];
}

/** Reads and parses a fetched page: HTML only (by Content-Type, or by sniffing when there is none). */
export async function readPageDocument(response: HttpResponse): Promise<PageDocument> {
  const contentType = response.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (mediaType && !HTML_TYPES.has(mediaType)) {
    throw new ContentRejectedError('not-html', `the page is ${mediaType}, not HTML`);
  }
  const body = await readBody(response.body);
  if (!mediaType && !looksLikeHtml(body)) {
    throw new ContentRejectedError('not-html', 'the page has no Content-Type and does not look like HTML');
  }
  const { html, charset } = decodeHtml(body, contentType || undefined);
  const { title, text } = extractText(html);
  return {
    finalUrl: response.url,
    httpStatus: response.status,
    contentType: contentType || 'text/html',
    charset,
    bytes: body.length,
    title,
    text,
    images: discoverImages(html, response.url),
  };
}

function looksLikeHtml(body: Buffer): boolean {
  const start = body.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<head') || start.startsWith('<body');
}
