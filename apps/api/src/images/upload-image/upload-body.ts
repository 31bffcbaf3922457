import type { Request } from 'express';
import { z } from 'zod';
import { isJsonContentType } from '../../http/json-body';
import { decodeImageData } from './base64-image';
import { readMultipartFile } from './multipart-file';
import { readLimited } from './read-limited';

export type UploadedAs = 'json-base64' | 'raw' | 'multipart';

/** The bytes of an upload as the client sent them, or the 4xx that refuses the request. */
export type UploadBody =
  | { ok: true; bytes: Buffer; as: UploadedAs }
  | { ok: false; status: number; code: string; detail: string; errors?: { path: string; message: string }[] };

const jsonUpload = z.object({ imageData: z.string() }).strict();
/** Room for a data URI prefix, JSON punctuation and line wrapping around the base64 text. */
const JSON_OVERHEAD_BYTES = 64 * 1024;

/**
 * Reads the body of `POST /api/v1/images` in one of its three forms: JSON `{"imageData": "<base64 or
 * data URI>"}`, the raw bytes (`Content-Type: image/*`), or `multipart/form-data` with one file.
 * Streamed with a size limit: past it, reading stops and the answer is 413 `image-too-large`.
 */
export async function readUploadBody(request: Request, maxBytes: number): Promise<UploadBody> {
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') {
    return refuse(415, 'unsupported-content-encoding', 'send the image without Content-Encoding (images are compressed already)');
  }
  const contentType = request.headers['content-type'];
  const mediaType = contentType?.split(';', 1)[0].trim().toLowerCase() ?? '';
  const declared = Number(request.headers['content-length']);
  if (isJsonContentType(contentType)) {
    const jsonLimit = Math.ceil(maxBytes / 3) * 4 + JSON_OVERHEAD_BYTES;
    if (declared > jsonLimit) return tooLarge(maxBytes);
    const read = await readLimited(request, jsonLimit);
    return read.ok ? fromJson(read.bytes, maxBytes) : tooLarge(maxBytes);
  }
  if (mediaType.startsWith('image/')) {
    if (declared > maxBytes) return tooLarge(maxBytes);
    const read = await readLimited(request, maxBytes);
    return read.ok ? { ok: true, bytes: read.bytes, as: 'raw' } : tooLarge(maxBytes);
  }
  if (mediaType === 'multipart/form-data') {
    const file = await readMultipartFile(request, maxBytes);
    if (file.ok) return { ok: true, bytes: file.bytes, as: 'multipart' };
    if (file.reason === 'too-large') return tooLarge(maxBytes);
    if (file.reason === 'malformed') return refuse(400, 'malformed-multipart', `the multipart body could not be read: ${file.detail}`);
    return refuse(400, 'missing-file', 'the multipart body has no file part; send the image as a file field (e.g. -F image=@photo.jpg)');
  }
  return refuse(415, 'unsupported-media-type', 'send the image as application/json ({"imageData": "<base64>"}), as image/*, or as multipart/form-data');
}

function fromJson(body: Buffer, maxBytes: number): UploadBody {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return refuse(400, 'malformed-json', 'the request body is not valid UTF-8 JSON');
  }
  const parsed = jsonUpload.safeParse(value);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
    return { ok: false, status: 400, code: 'invalid-request', detail: `invalid upload: ${errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`, errors };
  }
  const decoded = decodeImageData(parsed.data.imageData, maxBytes);
  if (decoded.ok) return { ok: true, bytes: decoded.bytes, as: 'json-base64' };
  return decoded.code === 'image-too-large' ? tooLarge(maxBytes, decoded.detail) : refuse(400, decoded.code, decoded.detail);
}

function tooLarge(maxBytes: number, detail = `the image exceeds the limit of ${maxBytes} bytes (TRAWL_MAX_UPLOAD_BYTES)`): UploadBody {
  return refuse(413, 'image-too-large', detail);
}

function refuse(status: number, code: string, detail: string): UploadBody {
  return { ok: false, status, code, detail };
}
