import { Readable } from 'node:stream';
import type { BlobStore } from '@trawl/blob-store';
import { decideCompletion, evolve, isFinal, steps, type TaskEvent, type TaskState } from '@trawl/domain';
import type { Job, JobContext } from '@trawl/job-bus';
import { imageIdFor } from '@trawl/scraping';
import { ensureSuccess } from '../ensure-success';
import { TaskStreams, updateTask, type PageJob, type StepEvent } from '@trawl/tasks';
import { classifyFailure, shouldRetry } from '../failures';
import type { FetchSettings } from '../fetch-settings';
import { storeInlineImage } from './inline-images';
import { SKIPPED, pageJobOutcome, type JobOutcome } from '../observability/job-outcome';
import { receivePage, type PageDocument } from './page-document';
import type { PageParser } from '../parsing/page-parser';
import type { PoliteHttpClient } from '../politeness/polite-http-client';

const DISCOVERY_CHUNK = 500;

/**
 * Handles one page job: fetch the page, store its text, announce its images, and append the result to
 * the task's stream in one append. Retryable failures are rethrown (the bus retries with back-off)
 * until the last attempt, which, like a final verdict, becomes TaskFailed.
 */
export class PageJobHandler {
  constructor(
    private readonly streams: TaskStreams,
    private readonly http: PoliteHttpClient,
    private readonly blobs: BlobStore,
    private readonly settings: FetchSettings,
    private readonly parser: PageParser,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async handle(job: Job<PageJob>, context: JobContext): Promise<JobOutcome> {
    const { taskId, url, correlationId } = job.payload;
    await updateTask(this.streams, taskId, {
      correlationId,
      decide: (state) => (state?.status === 'queued' ? [{ step: steps.started, event: { type: 'TaskStarted', data: { taskId, startedAt: this.now().toISOString() } } }] : []),
    });
    const { state } = await this.streams.load(taskId);
    if (!state || isFinal(state) || state.pageFetched) return SKIPPED;

    let result: readonly StepEvent[];
    try {
      // A job published before the field existed carries none: the task's own choice applies.
      const respectRobots = job.payload.respectRobots ?? state.respectRobots;
      const request = { url, limits: this.settings.pageLimits, signal: context.signal, respectRobots };
      const received = await this.http.fetch(request, async (response) => receivePage(await ensureSuccess(response)));
      // Parsed after the host's slot is released: parsing is CPU, not traffic to the host.
      const page = await this.parser.parse(received, context.signal);
      result = await this.resultEvents(state, page);
    } catch (error) {
      const verdict = classifyFailure(error, 'page');
      if (shouldRetry(verdict, job.attempt, this.settings.maxAttempts, context.signal)) throw error;
      const failed: TaskEvent = { type: 'TaskFailed', data: { taskId, error: verdict.error, failedAt: this.now().toISOString() } };
      result = [{ step: steps.failed, event: failed }];
    }
    const appended = await updateTask(this.streams, taskId, {
      correlationId,
      // Decided again on the freshest state: a concurrent cancel or a duplicate delivery wins.
      decide: (current) => (!current || isFinal(current) || current.pageFetched ? [] : result),
    });
    return pageJobOutcome(appended);
  }

  private async resultEvents(state: TaskState, page: PageDocument): Promise<StepEvent[]> {
    const { taskId } = state;
    const wantsText = state.collect.includes('text');
    const wantsImages = state.collect.includes('images');
    const text = wantsText ? await this.blobs.write(Readable.from([Buffer.from(page.text, 'utf8')]), { contentType: 'text/plain; charset=utf-8' }) : null;
    const found = wantsImages ? page.images : [];
    const images = found.slice(0, this.settings.maxImagesPerPage);
    const events: StepEvent[] = [];
    const pageFetched: TaskEvent = {
      type: 'PageFetched',
      data: {
        taskId, finalUrl: page.finalUrl, httpStatus: page.httpStatus, contentType: page.contentType, charset: page.charset,
        bytes: page.bytes, title: page.title, text: text ? { sha256: text.sha256, bytes: text.bytes } : null,
        imagesFound: images.length, imagesTruncated: found.length > images.length, imagesReferenced: found.length, fetchedAt: this.now().toISOString(),
      },
    };
    events.push({ step: steps.pageFetched, event: pageFetched });

    const discovered: { imageId: string; url: string; ordinal: number }[] = [];
    const inlineOutcomes: StepEvent[] = [];
    for (const [ordinal, image] of images.entries()) {
      const imageId = imageIdFor(image.url);
      if (image.url.startsWith('data:')) {
        const limits = { maxBytes: this.settings.imageLimits.maxBytes, maxPixels: this.settings.maxImagePixels };
        const inline = await storeInlineImage({ taskId, imageId, dataUri: image.url, ...limits }, this.blobs, this.now());
        discovered.push({ imageId, url: inline.sourceUrl, ordinal });
        inlineOutcomes.push({ step: steps.imageOutcome(imageId), event: inline.outcome });
      } else {
        discovered.push({ imageId, url: image.url, ordinal });
      }
    }
    for (let start = 0, chunk = 0; start < discovered.length; start += DISCOVERY_CHUNK, chunk += 1) {
      const event: TaskEvent = {
        type: 'ImagesDiscovered',
        data: { taskId, images: discovered.slice(start, start + DISCOVERY_CHUNK), respectRobots: state.respectRobots },
      };
      events.push({ step: steps.imagesDiscovered(chunk), event });
    }
    events.push(...inlineOutcomes);

    let after: TaskState | null = structuredClone(state);
    for (const { event } of events) after = evolve(after, event);
    const completed = decideCompletion(after, this.now());
    if (completed) events.push({ step: steps.completed, event: completed });
    return events;
  }
}
