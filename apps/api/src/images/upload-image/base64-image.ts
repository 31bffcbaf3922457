/** What a base64 upload's `imageData` holds, decoded; or why it cannot be. */
export type DecodedImageData = { ok: true; bytes: Buffer } | { ok: false; code: 'invalid-base64' | 'image-too-large'; detail: string };

/** `data:[<media type>][;params];base64,` — the prefix a browser's FileReader puts before the data. */
const DATA_URI_PREFIX = /^data:([a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)?((;[a-z0-9-]+=[^;,]*)*);base64,/i;
/** Standard or URL-safe alphabet, padding optional (some clients drop it). */
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * Decodes the `imageData` of `POST /api/v1/images` (the JSON form): plain base64, or a base64 data URI.
 * Line breaks and spaces (MIME-style wrapping) are ignored; anything else outside the alphabet is
 * refused rather than silently skipped (Node's decoder skips it, which would store other bytes than
 * the client sent). The decoded size is checked before decoding.
 */
export function decodeImageData(imageData: string, maxBytes: number): DecodedImageData {
  const prefix = DATA_URI_PREFIX.exec(imageData);
  if (imageData.startsWith('data:') && !prefix) {
    return { ok: false, code: 'invalid-base64', detail: 'imageData: a data URI must be base64 (data:<type>;base64,<data>)' };
  }
  const payload = (prefix ? imageData.slice(prefix[0].length) : imageData).replace(/[\r\n\t ]+/g, '');
  if (!BASE64.test(payload) || payload.length % 4 === 1) {
    return { ok: false, code: 'invalid-base64', detail: 'imageData: not base64 (RFC 4648 alphabet, standard or URL-safe)' };
  }
  const decodedBytes = Math.floor((payload.replace(/=+$/, '').length * 3) / 4);
  if (decodedBytes > maxBytes) {
    return { ok: false, code: 'image-too-large', detail: `the image has ${decodedBytes} bytes, more than the limit of ${maxBytes}` };
  }
  return { ok: true, bytes: Buffer.from(payload, payload.includes('-') || payload.includes('_') ? 'base64url' : 'base64') };
}
