import { MIMEType } from 'node:util';
import type * as ExodusEncoding from '@exodus/bytes/encoding.js' with { 'resolution-mode': 'import' };
import htmlEncodingSniffer = require('html-encoding-sniffer');

// @exodus/bytes is ESM-only. Node 24 loads it with require(), as html-encoding-sniffer itself does,
// but TypeScript's node16 module mode cannot express that, hence the typed require.
const { legacyHookDecode } = require('@exodus/bytes/encoding.js') as typeof ExodusEncoding;

/** An HTML document decoded to text, with the encoding that decided how. */
export interface DecodedHtml {
  html: string;
  /** Canonical WHATWG encoding name, e.g. `UTF-8`, `windows-1250`, `Shift_JIS`. */
  charset: string;
}

/**
 * Decodes the bytes of an HTML document the way a browser does (WHATWG encoding sniffing):
 * a byte order mark wins, then the `charset` of the HTTP `Content-Type` header, then a
 * `<meta charset>` / `<meta http-equiv="content-type">` in the first 1024 bytes, else windows-1252.
 * Malformed byte sequences become U+FFFD instead of failing.
 */
export function decodeHtml(bytes: Uint8Array, contentTypeHeader?: string): DecodedHtml {
  const charset = htmlEncodingSniffer(bytes, {
    transportLayerEncodingLabel: charsetOfContentType(contentTypeHeader),
  });
  // The spec's "decode" hook: strips the BOM, and unlike TextDecoder it accepts the `replacement`
  // encoding that labels such as iso-2022-kr map to (the whole document becomes one U+FFFD).
  const html = legacyHookDecode(bytes, charset.toLowerCase());
  return { html, charset };
}

/**
 * The raw `charset` parameter of a Content-Type header, or undefined when there is none or the
 * header does not parse as a MIME type. An unknown label is passed on: the sniffer ignores it.
 */
export function charsetOfContentType(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  try {
    return new MIMEType(header.trim()).params.get('charset') ?? undefined;
  } catch {
    return undefined;
  }
}
