import type { BlobStore } from '@trawl/blob-store';
import { decideReuse, type ImageUrlFetched } from '@trawl/domain';
import { downloadImage, type ImageDownloadDeps } from './image-download';
import type { ImageUrlRegistry } from './image-url-registry';
import type { ThumbnailRequest } from '../opt-outs/task-opt-out-choice';
import { makeThumbnails, variantStoreFor, type Thumbnail } from './make-thumbnails';
import { perceptualHashOfBlob } from './perceptual-hash-of';
import type { SingleFlight } from './single-flight';

/** The bytes of an image, and where they came from when this job made no download of its own. */
export interface ObtainedImage {
  fetched: ImageUrlFetched;
  reusedFrom: { taskId: string; imageId: string; fetchedAt: string } | null;
  /** The pHash of the stored bytes (see perceptualHashOf); undefined when they do not decode for it. */
  perceptualHash?: string;
  thumbnails?: Thumbnail[];
}

export interface ObtainRequest {
  taskId: string;
  imageId: string;
  url: string;
  signal: AbortSignal;
  respectRobots: boolean;
  respectOptOuts?: boolean;
  /** The task's thumbnails (TaskRequested.thumbnails), made once the bytes are stored. */
  thumbnails?: readonly ThumbnailRequest[];
  now: Date;
}

/**
 * Gets an image's bytes into the blob store at most once per URL (seed 000's rules): a copy stored by
 * any task within TRAWL_REUSE_MAX_AGE is linked without a request (if its blob is still there); an
 * older one is revalidated with a conditional GET (304: linked); a URL another job of this process is
 * downloading right now is waited for and shared; otherwise it is downloaded and recorded for the
 * next task. Failures are not recorded: an earlier failure is tried again.
 */
export async function obtainImage(
  deps: ImageDownloadDeps & { registry: ImageUrlRegistry; flights: SingleFlight<ImageUrlFetched>; blobs: BlobStore },
  request: ObtainRequest,
): Promise<ObtainedImage> {
  const { value, shared } = await deps.flights.run(request.url, request.signal, () => fetchOrReuse(deps, request));
  const ownDownload = !shared && value.taskId === request.taskId && value.imageId === request.imageId;
  // From the blob, after the bytes are stored: the download streamed them and kept no copy.
  const perceptualHash = await perceptualHashOfBlob(deps.blobs, value.sha256, deps.settings.maxImagePixels, value.bytes);
  const wanted = request.thumbnails ?? [];
  const limits = { maxPixels: deps.settings.maxImagePixels, maxBytes: deps.settings.imageLimits.maxBytes };
  const thumbnails = wanted.length > 0 ? await makeThumbnails(variantStoreFor(deps.blobs, limits), value, wanted) : undefined;
  const reusedFrom = ownDownload ? null : { taskId: value.taskId, imageId: value.imageId, fetchedAt: value.fetchedAt };
  return { fetched: value, reusedFrom, perceptualHash, ...(thumbnails ? { thumbnails } : {}) };
}

async function fetchOrReuse(
  deps: ImageDownloadDeps & { registry: ImageUrlRegistry; blobs: BlobStore },
  request: ObtainRequest,
): Promise<ImageUrlFetched> {
  const last = await deps.registry.last(request.url);
  const decision = decideReuse(last, request.now, deps.settings.reuseMaxAgeMs);
  // A copy whose blob is gone (deleted by retention) is downloaded again.
  const usable = decision.kind !== 'download' && (await deps.blobs.stat(decision.from.sha256)) !== null;
  if (decision.kind === 'reuse' && usable) return decision.from;
  const revalidating = decision.kind === 'revalidate' && usable ? decision : null;
  const result = await downloadImage(deps, { url: request.url, signal: request.signal, respectRobots: request.respectRobots, respectOptOuts: request.respectOptOuts, conditional: revalidating?.headers });
  const fetchedAt = request.now.toISOString();
  if (result === 'not-modified' && revalidating) {
    // Confirmed unchanged: the copy is young again, and still the other task's download.
    const confirmed = { ...revalidating.from, fetchedAt };
    await deps.registry.record(confirmed);
    return confirmed;
  }
  if (result === 'not-modified') throw new Error(`304 Not Modified for ${request.url} without a conditional request`);
  const { blob, probe, etag, lastModified } = result;
  const fetched: ImageUrlFetched = {
    url: request.url, sha256: blob.sha256, contentType: probe.contentType, format: probe.format, width: probe.width, height: probe.height,
    bytes: blob.bytes, etag, lastModified, fetchedAt, taskId: request.taskId, imageId: request.imageId,
  };
  await deps.registry.record(fetched);
  return fetched;
}
