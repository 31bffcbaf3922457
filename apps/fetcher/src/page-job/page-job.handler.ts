import { Readable } from 'node:stream';
import type { BlobStore } from '@trawl/blob-store';
import { decide, decideInOrder, isFinal, type DiscoveredImage, type TaskCommand, type TaskState } from '@trawl/domain';
import type { Job, JobContext } from '@trawl/job-bus';
import { imageIdFor } from '@trawl/scraping';
import type { PageJob, TaskStreams } from '@trawl/tasks';
import type { TaskCancellations } from '../cancellation/task-cancellations';
import { classifyFailure, shouldRetry } from '../failures';
import type { FetchSettings } from '../fetch-settings';
import { CANCELLED, SKIPPED, pageJobOutcome, type JobOutcome } from '../observability/job-outcome';
import type { PageParser } from '../parsing/page-parser';
import { respectsOptOuts } from '../opt-outs/task-opt-out-choice';
import type { PoliteHttpClient } from '../politeness/polite-http-client';
import { directImageCommand } from './direct-image';
import { pairOf } from './image-text-pair';
import { storeInlineImage } from './inline-images';
import { storePageBlobs } from './page-blobs';
import type { PageDocument } from './page-document';
import { SingleFlight } from '../image-job/single-flight';
import { obtainPage, type ObtainedPage, type PageSource } from '../page-reuse/obtain-page';
import type { PageUrlRegistry } from '../page-reuse/page-url-registry';
import { reuseRequested } from '../page-reuse/task-reuse-choice';
import { StartAnnouncement } from './start-announcement';

/**
 * Handles one page job: fetch the page, store its text, and record the task's start and result
 * (TaskStarted, PageFetched, the discovered images, and TaskCompleted when nothing is left) in one
 * append. A job that takes longer than START_VISIBLE_AFTER_MS, or fails and will be retried, records
 * TaskStarted before (StartAnnouncement), so that the task shows `running` meanwhile. The task's
 * stream is loaded once; the decisions are the domain's (`decideInOrder`). Retryable failures are
 * rethrown (the bus retries with back-off) until the last attempt, which, like a final verdict,
 * becomes TaskFailed. A cancel of the task aborts the download.
 */
export class PageJobHandler {
  /** Page downloads in the air for tasks that asked for reuse (ADR 0012). */
  private readonly flights = new SingleFlight<PageSource>();

  constructor(
    private readonly streams: TaskStreams,
    private readonly http: PoliteHttpClient,
    private readonly blobs: BlobStore,
    private readonly settings: FetchSettings,
    private readonly parser: PageParser,
    private readonly cancellations: TaskCancellations,
    private readonly registry: PageUrlRegistry | null = null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async handle(job: Job<PageJob>, context: JobContext): Promise<JobOutcome> {
    const { taskId, correlationId } = job.payload;
    if (this.cancellations.isCancelled(taskId)) return CANCELLED;
    const loaded = await this.streams.load(taskId);
    const state = loaded.state;
    if (!state || isFinal(state) || state.pageFetched) return SKIPPED;

    const start: TaskCommand = { type: 'StartTask', now: this.now() };
    const announcement = new StartAnnouncement(() => this.streams.handle(taskId, (current) => decide(start, current), { loaded, correlationId }));
    const cancel = this.cancellations.enter(taskId);
    let command: TaskCommand;
    try {
      const choices = { respectOptOuts: respectsOptOuts(loaded.events), reuse: reuseRequested(loaded.events) };
      command = await this.fetchPage(job, state, AbortSignal.any([context.signal, cancel.signal]), choices);
    } catch (error) {
      if (cancel.signal.aborted) {
        await announcement.settle();
        return CANCELLED;
      }
      const verdict = classifyFailure(error, 'page');
      if (shouldRetry(verdict, job.attempt, this.settings.maxAttempts, context.signal)) {
        // The task waits for its next attempt as `running`, as it did before this one.
        await announcement.now();
        throw error;
      }
      command = { type: 'FailTask', error: verdict.error, now: this.now() };
    } finally {
      cancel.release();
    }
    // Decided on the state as loaded (or after the announced start); a concurrent cancel or duplicate
    // delivery makes the append conflict, and the decision is taken again on the fresh state (then:
    // nothing to do). TaskStarted goes first when it is not recorded yet.
    const from = (await announcement.settle()) ?? loaded;
    const { appended } = await this.streams.handle(taskId, (current) => decideInOrder([start, command], current), { loaded: from, correlationId });
    return pageJobOutcome(appended);
  }

  private async fetchPage(job: Job<PageJob>, state: TaskState, signal: AbortSignal, choices: { respectOptOuts: boolean; reuse: boolean }): Promise<TaskCommand> {
    // A job published before the field existed carries none: the task's own choice applies.
    const respectRobots = job.payload.respectRobots ?? state.respectRobots;
    // Opt-outs are honoured when the task and the server (TRAWL_RESPECT_OPT_OUTS) both say so.
    const policy = { respectRobots, respectOptOuts: choices.respectOptOuts && this.settings.optOuts !== null };
    const request = { taskId: state.taskId, url: job.payload.url, signal, policy, reuse: choices.reuse, now: this.now() };
    const obtained = await obtainPage(this.reuseDeps, request);
    const { received } = obtained;
    // The task's URL answered with an image: that one image is collected (see direct-image.ts).
    if (received.isImage) {
      await obtained.html; // null (nothing is kept of an image), but every result waits for its page's records
      return withReusedFrom(await directImageCommand(state, received, this.blobs, this.settings, this.now()), obtained);
    }
    // Parsed after the host's slot is released: parsing is CPU, not traffic to the host. A reused
    // page is parsed too, with this task's options: its text and images are what a download gives.
    // The kept HTML goes to the blob store and the registry meanwhile (obtained.html, awaited in recordPage).
    const page = await this.parser.parse(received, signal, state.text, state.collect.includes('images'));
    return withReusedFrom(await this.recordPage(state, page, obtained.html), obtained);
  }

  private get reuseDeps() {
    return { http: this.http, blobs: this.blobs, settings: this.settings, registry: this.registry, flights: this.flights };
  }

  private async recordPage(state: TaskState, page: PageDocument, storedHtml: Promise<{ sha256: string; bytes: number } | null>): Promise<TaskCommand> {
    const { taskId } = state;
    const wantsText = state.collect.includes('text');
    const found = state.collect.includes('images') ? page.images : [];
    const kept = found.slice(0, this.settings.maxImagesPerPage);
    const { text, markdown, html } = await storePageBlobs(this.blobs, page, { text: wantsText, html: this.settings.keepHtml }, storedHtml);
    const images: DiscoveredImage[] = [];
    const inlineOutcomes: Extract<TaskCommand, { type: 'RecordPage' }>['inlineOutcomes'][number][] = [];
    for (const [ordinal, image] of kept.entries()) {
      const imageId = imageIdFor(image.url);
      if (!image.url.startsWith('data:')) {
        images.push({ imageId, url: image.url, ordinal, ...pairOf(image) });
        continue;
      }
      const limits = { maxBytes: this.settings.imageLimits.maxBytes, maxPixels: this.settings.maxImagePixels };
      const inline = await storeInlineImage({ taskId, imageId, dataUri: image.url, ...limits }, this.blobs, this.now());
      images.push({ imageId, url: inline.sourceUrl, ordinal, ...pairOf(image) });
      inlineOutcomes.push(inline.outcome);
    }
    return {
      type: 'RecordPage',
      page: {
        finalUrl: page.finalUrl, httpStatus: page.httpStatus, contentType: page.contentType, charset: page.charset, bytes: page.bytes,
        title: page.title, text, markdown, html, metadata: page.metadata, extraction: page.extraction,
        imagesFound: kept.length, imagesTruncated: found.length > kept.length, imagesReferenced: found.length,
      },
      images,
      inlineOutcomes,
      now: this.now(),
    };
  }
}

/** PageFetched.reusedFrom when the task made no download of its own (ADR 0012). */
function withReusedFrom(command: TaskCommand, obtained: ObtainedPage): TaskCommand {
  if (command.type !== 'RecordPage' || !obtained.reusedFrom) return command;
  return { ...command, page: { ...command.page, reusedFrom: obtained.reusedFrom } };
}
