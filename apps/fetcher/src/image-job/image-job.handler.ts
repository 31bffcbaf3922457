import type { BlobStore } from '@trawl/blob-store';
import { steps } from '@trawl/domain';
import type { Job, JobContext } from '@trawl/job-bus';
import type { ImageJob, TaskStreams } from '@trawl/tasks';
import { classifyFailure, shouldRetry } from '../failures';
import type { FetchSettings } from '../fetch-settings';
import { imageFailedEvent, imageStoredFrom } from './image-outcome';
import type { ImageUrlRegistry } from './image-url-registry';
import { obtainImage } from './obtain-image';
import { SingleFlight } from './single-flight';
import type { ImageUrlFetched } from '@trawl/domain';
import { CANCELLED, SKIPPED, imageJobOutcome, type JobOutcome } from '../observability/job-outcome';
import type { PoliteHttpClient } from '../politeness/polite-http-client';
import type { TaskStateCache } from './task-state-cache';
import type { TaskCancellations } from '../cancellation/task-cancellations';

/**
 * Handles one image job: stream the image into the blob store (content-addressed, bounded), check
 * that the bytes are a whole image within the limits (see downloadImage), and append ImageStored
 * or ImageFailed with the image's deterministic event id, so a redelivered job appends nothing new.
 */
export class ImageJobHandler {
  private readonly flights = new SingleFlight<ImageUrlFetched>();

  constructor(
    private readonly streams: TaskStreams,
    private readonly cache: TaskStateCache,
    private readonly http: PoliteHttpClient,
    private readonly blobs: BlobStore,
    private readonly settings: FetchSettings,
    private readonly cancellations: TaskCancellations,
    private readonly registry: ImageUrlRegistry,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async handle(job: Job<ImageJob>, context: JobContext): Promise<JobOutcome> {
    const { taskId, imageId, url, correlationId } = job.payload;
    if (this.cancellations.isCancelled(taskId)) return CANCELLED;
    const run = await this.cache.runNeedingOutcome(taskId, imageId);
    if (run === null) return SKIPPED;
    const ids = { taskId, imageId, sourceUrl: url };
    const cancel = this.cancellations.enter(taskId);
    let outcome;
    try {
      const signal = AbortSignal.any([context.signal, cancel.signal]);
      const request = { taskId, imageId, url, signal, respectRobots: job.payload.respectRobots ?? true, respectOptOuts: this.cache.respectsOptOuts(taskId), thumbnails: this.cache.thumbnailsOf(taskId), now: this.now() };
      const { fetched, reusedFrom, perceptualHash, thumbnails } = await obtainImage(this.obtainDeps, request);
      outcome = imageStoredFrom(ids, { ...fetched, perceptualHash, thumbnails }, reusedFrom, this.now());
    } catch (error) {
      // A cancelled task records no more outcomes: its counts stay as they were at the cancel.
      if (cancel.signal.aborted) return CANCELLED;
      const verdict = classifyFailure(error, 'image');
      if (shouldRetry(verdict, job.attempt, this.settings.maxAttempts, context.signal)) throw error;
      outcome = imageFailedEvent(ids, verdict.error, this.now());
    } finally {
      cancel.release();
    }
    await this.streams.append(taskId, [{ step: steps.imageOutcome(imageId), event: outcome }], { correlationId, run });
    this.cache.recordOutcome(taskId, imageId, outcome.type === 'ImageStored' ? 'stored' : 'failed');
    return imageJobOutcome(outcome);
  }

  private get obtainDeps() {
    return { http: this.http, blobs: this.blobs, settings: this.settings, registry: this.registry, flights: this.flights };
  }
}
