import type { ServerResponse } from 'node:http';

/** The text each charset page must come out as, whatever its bytes and labels. */
export const CHARSET_TEXT = {
  /** windows-1250 bytes, labelled only by `<meta charset>` (the header has no charset). */
  'meta-only': 'Żółta łódź',
  /** windows-1252 bytes with no label anywhere: the HTML default applies. */
  unlabelled: 'Crème brûlée',
  /** An unknown label in the header: ignored, so the `<meta>` (UTF-8) decides. */
  'bogus-label': 'Grüße aus Köln',
  /** No Content-Type at all: sniffed as HTML, decoded by its `<meta>` (UTF-8). */
  'no-content-type': 'Ünïcödé without a type',
} as const;

/** windows-1252 bytes in a page whose header claims UTF-8: they become U+FFFD, and the page still completes. */
export const WRONG_CHARSET_BYTES = Buffer.from('<!doctype html><title>wrong</title><p>caf\xe9 cr\xe8me</p>', 'latin1');

/** `/charset/<case>`: pages with wrong, missing or bogus charset labels. */
export function serveCharset(url: URL, res: ServerResponse): boolean {
  const name = /^\/charset\/([\w-]+)$/.exec(url.pathname)?.[1];
  const doc = (meta: string, text: string) => `<!doctype html><html><head>${meta}<title>charset</title></head><body><p>${text}</p></body></html>`;
  switch (name) {
    case 'meta-only':
      res.writeHead(200, { 'content-type': 'text/html' }).end(windows1250(doc('<meta charset="windows-1250">', CHARSET_TEXT['meta-only'])));
      break;
    case 'unlabelled':
      res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.from(doc('', CHARSET_TEXT.unlabelled), 'latin1'));
      break;
    case 'bogus-label':
      res.writeHead(200, { 'content-type': 'text/html; charset=x-no-such-charset' }).end(doc('<meta charset="utf-8">', CHARSET_TEXT['bogus-label']));
      break;
    case 'no-content-type':
      // writeHead without a type: Node sends none.
      res.writeHead(200).end(doc('<meta charset="utf-8">', CHARSET_TEXT['no-content-type']));
      break;
    case 'wrong':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(WRONG_CHARSET_BYTES);
      break;
    default:
      return false;
  }
  return true;
}

/** Encodes the few Polish letters the meta-only page uses as windows-1250; ASCII passes through. */
function windows1250(text: string): Buffer {
  const table: Record<string, number> = { Ż: 0xaf, ó: 0xf3, ł: 0xb3, ź: 0x9f, ż: 0xbf };
  return Buffer.from([...text].map((ch) => table[ch] ?? ch.charCodeAt(0)));
}
