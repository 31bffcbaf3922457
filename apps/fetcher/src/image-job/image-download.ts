import type { BlobInfo, BlobStore } from '@trawl/blob-store';
import type { HttpResponse, ImageProbe } from '@trawl/scraping';
import { ensureSuccess } from '../ensure-success';
import type { FetchSettings } from '../fetch-settings';
import { TailCapture, ensureWholeImage, probeImageHead } from './image-verdicts';
import type { PoliteHttpClient } from '../politeness/polite-http-client';
import { readBody } from '../read-body';

/** Enough of the file to read any supported format's header. */
const PROBE_HEAD_BYTES = 512 * 1024;

export interface ImageDownloadDeps {
  http: PoliteHttpClient;
  blobs: BlobStore;
  settings: FetchSettings;
}

/**
 * Downloads one image under the image limits, streaming it into the blob store: memory holds its
 * head and last bytes, never the whole file. What the head says is checked before the rest is
 * downloaded (an image at all, and not too many pixels); whether the whole image arrived is checked
 * once it is stored, after the host's slot is released. Throws ContentRejectedError for those
 * verdicts, and whatever the fetch throws.
 */
export interface DownloadedImage {
  blob: BlobInfo;
  probe: ImageProbe;
  /** The server's validators, for a conditional GET when the copy is reused later. */
  etag: string | null;
  lastModified: string | null;
}

export async function downloadImage(
  deps: ImageDownloadDeps,
  request: { url: string; signal: AbortSignal; respectRobots: boolean; respectOptOuts?: boolean; conditional?: Record<string, string> },
): Promise<DownloadedImage | 'not-modified'> {
  const { settings, blobs } = deps;
  const { conditional, ...fetchRequest } = request;
  const stored = await deps.http.fetch({ ...fetchRequest, headers: conditional, limits: settings.imageLimits }, async (response) => {
    if (conditional && response.status === 304) return 'not-modified' as const;
    return store(await ensureSuccess(response), deps);
  });
  if (stored === 'not-modified') return stored;
  await ensureWholeImage({ ...stored, readAll: async () => readBody(await blobs.read(stored.blob.sha256)) }, settings.maxImagePixels);
  return { blob: stored.blob, probe: stored.probe, etag: stored.etag, lastModified: stored.lastModified };
}

async function store(response: HttpResponse, { blobs, settings }: ImageDownloadDeps) {
  const body = response.body[Symbol.asyncIterator]();
  const head = await readHead(body, PROBE_HEAD_BYTES);
  const probe = await probeImageHead(head, settings.maxImagePixels);
  const tail = new TailCapture();
  // No content type is recorded from the server: the probe says what the bytes are.
  const blob = await blobs.write(tail.tap(prepend(head, body)), { maxBytes: settings.imageLimits.maxBytes });
  const etag = response.headers.etag ?? null;
  const lastModified = response.headers['last-modified'] ?? null;
  return { probe, head, tail: tail.bytes(), bytes: blob.bytes, blob, etag, lastModified };
}

/** Reads chunks until at least `limit` bytes (or the end): the head the probe needs. */
async function readHead(body: AsyncIterator<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < limit) {
    const step = await body.next();
    if (step.done) break;
    chunks.push(step.value);
    size += step.value.length;
  }
  return Buffer.concat(chunks);
}

/** The head again, then the rest of the body. The body is released by PoliteHttpClient.fetch. */
async function* prepend(head: Buffer, rest: AsyncIterator<Buffer>): AsyncIterable<Buffer> {
  if (head.length > 0) yield head;
  for (let step = await rest.next(); !step.done; step = await rest.next()) yield step.value;
}
