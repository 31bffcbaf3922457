import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { BlobStore } from '@trawl/blob-store';
import { decideExtraction, extractionStep, type TaskEventOf } from '@trawl/domain';
import type { PageText, TextOptions } from '@trawl/scraping';
import { WorkerOutOfMemoryError, WorkerPool, WorkerTimeoutError, workerScript } from '@trawl/workers';
import type { TaskStreams } from '../task-stream';
import type { ExtractTextInput } from './extract-text.worker';

export type ExtractionResult =
  | { kind: 'extracted'; event: TaskEventOf<'TextExtracted'>['data'] }
  | { kind: 'not-found' }
  | { kind: 'no-page'; status: string }
  | { kind: 'no-html' }
  | { kind: 'too-slow'; message: string };

/**
 * Cuts a task's text again from its stored page, without fetching it (issue 13): runs the current
 * extractor in a worker thread (bounded in time and memory, like the fetcher's parsing), stores the
 * text (and Markdown) content-addressed and appends TextExtracted, numbered after the last extraction.
 * Used by `POST /api/v1/tasks/{id}/extractions` and `trawl extract`.
 */
export class TextReExtractor {
  private readonly pool: WorkerPool<ExtractTextInput, PageText>;

  constructor(
    private readonly streams: TaskStreams,
    private readonly blobs: BlobStore,
    limits: { timeoutMs: number; maxHeapMb: number },
    private readonly now: () => Date = () => new Date(),
  ) {
    this.pool = new WorkerPool({ ...workerScript(__dirname, __filename, 'extract-text'), size: 1, ...limits });
  }

  async extract(taskId: string, options: TextOptions): Promise<ExtractionResult> {
    const loaded = await this.streams.load(taskId);
    const decision = decideExtraction(loaded.state);
    if (decision.kind !== 'extract') return decision;
    const fetched = pageFetchedOf(loaded.events);
    const body = await buffer(await this.blobs.read(decision.html.sha256));
    let page: PageText;
    try {
      page = await this.pool.run({ body, contentType: fetched?.contentType, url: fetched?.finalUrl ?? loaded.state!.url, text: options });
    } catch (error) {
      if (error instanceof WorkerTimeoutError || error instanceof WorkerOutOfMemoryError) return { kind: 'too-slow', message: error.message };
      throw error;
    }
    const text = await this.store(page.text, 'text/plain; charset=utf-8');
    const markdown = page.markdown === null ? null : await this.store(page.markdown, 'text/markdown; charset=utf-8');
    const data = {
      taskId, version: decision.version, ...page.extraction, title: page.title, text, markdown, metadata: page.metadata, extractedAt: this.now().toISOString(),
    };
    const { appended } = await this.streams.handle(
      taskId,
      (state) => {
        const again = decideExtraction(state);
        if (again.kind !== 'extract') return [];
        return [{ step: extractionStep(again.version), event: { type: 'TextExtracted', data: { ...data, version: again.version } } }];
      },
      { loaded },
    );
    const event = appended[0]?.event;
    return event?.type === 'TextExtracted' ? { kind: 'extracted', event: event.data } : { kind: 'extracted', event: data };
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async store(content: string, contentType: string): Promise<{ sha256: string; bytes: number }> {
    const { sha256, bytes } = await this.blobs.write(Readable.from([Buffer.from(content, 'utf8')]), { contentType });
    return { sha256, bytes };
  }
}

/** The page's final URL and Content-Type, which decoding and resolving its links need. */
function pageFetchedOf(events: readonly { type: string; data: unknown }[]): { finalUrl: string; contentType: string } | undefined {
  return events.find((event) => event.type === 'PageFetched')?.data as { finalUrl: string; contentType: string } | undefined;
}
