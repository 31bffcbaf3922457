import type { Request } from 'express';
import busboy from 'busboy';

export type MultipartFile = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'no-file' } | { ok: false; reason: 'malformed'; detail: string };

/**
 * The first file part of a multipart/form-data body (any field name), read with a size limit. Other
 * fields are ignored; a second file is not read. busboy parses as the bytes arrive, so a file past
 * the limit is cut off there, never held whole.
 */
export function readMultipartFile(request: Request, maxBytes: number): Promise<MultipartFile> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 1, fileSize: maxBytes, fields: 50, fieldSize: 64 * 1024, parts: 60 } });
    } catch (error) {
      resolve({ ok: false, reason: 'malformed', detail: (error as Error).message });
      return;
    }
    const chunks: Buffer[] = [];
    let sawFile = false;
    let truncated = false;
    parser.on('file', (_name, stream) => {
      sawFile = true;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        truncated = true;
      });
    });
    parser.on('error', (error: Error) => resolve({ ok: false, reason: 'malformed', detail: error.message }));
    parser.on('close', () => {
      if (truncated) resolve({ ok: false, reason: 'too-large' });
      else if (!sawFile) resolve({ ok: false, reason: 'no-file' });
      else resolve({ ok: true, bytes: Buffer.concat(chunks) });
    });
    request.pipe(parser);
  });
}
