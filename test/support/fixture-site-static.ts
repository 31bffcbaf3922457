import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/** The static part of the fixture site: pages and images committed under test/fixtures/site. */
export const FIXTURE_SITE_DIR = resolve(__dirname, '../fixtures/site');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** Files whose Content-Type is part of what they test. */
const CONTENT_TYPE_OVERRIDES: Record<string, string> = {
  // Only the <meta> element names the charset.
  '/charset/latin2-meta.html': 'text/html',
  // Only the header names the charset: the page has no <meta>.
  '/charset/cp1250-header.html': 'text/html; charset=windows-1250',
  // The header is wrong on purpose: the byte order mark must win.
  '/charset/utf16-bom.html': 'text/html; charset=windows-1252',
  // An HTML page pretending to be an image.
  '/img/broken.png': 'image/png',
};

/**
 * Absolute URLs in the pages must name the fixture server, whose port is random: pages write
 * `{{ORIGIN}}` (`http://127.0.0.1:<port>`) and `{{HOST}}` (`127.0.0.1:<port>`) instead.
 */
export function fillPlaceholders(bytes: Buffer, origin: string): Buffer {
  // latin1 maps bytes to code points one to one, so pages in any ASCII-compatible encoding survive.
  const text = bytes.toString('latin1');
  if (!text.includes('{{')) return bytes;
  return Buffer.from(text.replaceAll('{{ORIGIN}}', origin).replaceAll('{{HOST}}', new URL(origin).host), 'latin1');
}

/** Serves a file of the fixture site; answers 404 when there is none. */
export async function serveStatic(pathname: string, method: string, origin: string, res: ServerResponse): Promise<void> {
  const file = await findFile(pathname);
  if (file === null) {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Not found</title>');
    return;
  }
  const contentType = CONTENT_TYPE_OVERRIDES[file.urlPath] ?? CONTENT_TYPES[extname(file.path)] ?? 'application/octet-stream';
  const raw = await readFile(file.path);
  const body = contentType.startsWith('text/html') ? fillPlaceholders(raw, origin) : raw;
  res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
  res.end(method === 'HEAD' ? undefined : body);
}

async function findFile(pathname: string): Promise<{ path: string; urlPath: string } | null> {
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (urlPath.endsWith('/')) urlPath += 'index.html';
  const path = join(FIXTURE_SITE_DIR, urlPath);
  if (!path.startsWith(FIXTURE_SITE_DIR + sep)) return null;
  try {
    return (await stat(path)).isFile() ? { path, urlPath } : null;
  } catch {
    return null;
  }
}
