import { MIMEType } from 'node:util';

/** The bytes a `data:` URI carries and their media type. */
export interface DecodedDataUri {
  /** Serialized MIME type; `text/plain;charset=US-ASCII` when the URI names none or a bad one. */
  contentType: string;
  bytes: Buffer;
}

const DEFAULT_TYPE = 'text/plain;charset=US-ASCII';
const BASE64_SUFFIX = /;[ ]*base64$/i;

/**
 * Decodes a `data:` URI (base64 or percent-encoded) per the WHATWG fetch "data: URL processor".
 * Returns null when it is not a `data:` URI, has no comma, or its base64 is invalid.
 */
export function decodeDataUri(uri: string): DecodedDataUri | null {
  // What the URL parser would do first: trim C0 controls and spaces, drop tabs and newlines.
  const input = uri.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  if (!/^data:/i.test(input)) return null;
  const hash = input.indexOf('#');
  const withoutFragment = hash === -1 ? input : input.slice(0, hash);
  const comma = withoutFragment.indexOf(',', 5);
  if (comma === -1) return null;

  let mimeType = withoutFragment.slice(5, comma).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
  let bytes = percentDecode(withoutFragment.slice(comma + 1));
  if (BASE64_SUFFIX.test(mimeType)) {
    const decoded = forgivingBase64Decode(bytes.toString('latin1'));
    if (decoded === null) return null;
    bytes = decoded;
    mimeType = mimeType.replace(BASE64_SUFFIX, '');
  }
  if (mimeType.startsWith(';')) mimeType = `text/plain${mimeType}`;
  return { contentType: serializeMimeType(mimeType), bytes };
}

/** Percent-decodes over UTF-8 bytes; a `%` not followed by two hex digits stays as it is. */
function percentDecode(text: string): Buffer {
  const input = Buffer.from(text, 'utf8');
  const output = Buffer.allocUnsafe(input.length);
  let length = 0;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i];
    if (byte === 0x25 && i + 2 < input.length && isHex(input[i + 1]) && isHex(input[i + 2])) {
      output[length++] = parseInt(String.fromCharCode(input[i + 1], input[i + 2]), 16);
      i += 2;
    } else {
      output[length++] = byte;
    }
  }
  return output.subarray(0, length);
}

function isHex(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

/** The WHATWG "forgiving-base64 decode": whitespace ignored, padding optional, nothing else allowed. */
function forgivingBase64Decode(text: string): Buffer | null {
  let data = text.replace(/[\t\n\f\r ]/g, '');
  if (data.length % 4 === 0) data = data.replace(/={1,2}$/, '');
  if (data.length % 4 === 1 || !/^[A-Za-z0-9+/]*$/.test(data)) return null;
  return Buffer.from(data, 'base64');
}

function serializeMimeType(mimeType: string): string {
  try {
    return new MIMEType(mimeType).toString();
  } catch {
    return DEFAULT_TYPE;
  }
}
