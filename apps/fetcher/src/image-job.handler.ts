import type { BlobStore } from '@trawl/blob-store';
import { steps } from '@trawl/domain';
import type { Job, JobContext } from '@trawl/job-bus';
import { probeImage, type HttpClient } from '@trawl/scraping';
import { ensureSuccess } from './ensure-success';
import type { ImageJob, TaskStreams } from '@trawl/tasks';
import { ContentRejectedError, classifyFailure, shouldRetry } from './failures';
import type { FetchSettings } from './fetch-settings';
import { imageFailedEvent, imageStoredEvent } from './image-outcome';
import { HeadCapture } from './read-body';
import type { TaskStateCache } from './task-state-cache';

/** Enough of the file to read any supported format's header. */
const PROBE_HEAD_BYTES = 512 * 1024;

/**
 * Handles one image job: stream the image into the blob store (content-addressed, bounded), check
 * that the bytes decode as an image, and append ImageStored or ImageFailed with the image's
 * deterministic event id, so a redelivered job appends nothing new.
 */
export class ImageJobHandler {
  constructor(
    private readonly streams: TaskStreams,
    private readonly cache: TaskStateCache,
    private readonly http: HttpClient,
    private readonly blobs: BlobStore,
    private readonly settings: FetchSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async handle(job: Job<ImageJob>, context: JobContext): Promise<void> {
    const { taskId, imageId, url, correlationId } = job.payload;
    if (!(await this.cache.needsOutcome(taskId, imageId))) return;
    const ids = { taskId, imageId, sourceUrl: url };
    let outcome;
    try {
      const { blob, probe } = await this.download(url, context.signal);
      outcome = imageStoredEvent(ids, blob, probe, this.now());
    } catch (error) {
      const verdict = classifyFailure(error);
      if (shouldRetry(verdict, job.attempt, this.settings.maxAttempts, context.signal)) throw error;
      outcome = imageFailedEvent(ids, verdict.error, this.now());
    }
    await this.streams.append(taskId, [{ step: steps.imageOutcome(imageId), event: outcome }], { correlationId });
    this.cache.recordOutcome(taskId, imageId, outcome.type === 'ImageStored' ? 'stored' : 'failed');
  }

  private async download(url: string, signal: AbortSignal) {
    const response = await this.http.stream({ url, limits: this.settings.imageLimits, signal });
    await ensureSuccess(response);
    const capture = new HeadCapture(PROBE_HEAD_BYTES);
    // No content type is recorded from the server: the probe below says what the bytes are.
    const blob = await this.blobs.write(capture.tap(response.body), { maxBytes: this.settings.imageLimits.maxBytes });
    const probe = await probeImage(capture.head());
    if (!probe) throw new ContentRejectedError('not-an-image', `${blob.bytes} bytes that do not decode as an image`);
    return { blob, probe };
  }
}
