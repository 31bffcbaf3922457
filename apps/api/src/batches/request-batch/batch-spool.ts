import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BATCH_CHUNK, batchTaskId, type BatchEntry } from '@trawl/domain';
import { UnavailableError } from '@trawl/errors';
import type { LineVerdict } from './batch-line';

/** Rejected lines listed in the answer (all are counted). */
export const MAX_LISTED_REJECTIONS = 1000;

export interface Rejection {
  line: number;
  url: string | null;
  reason: string;
}

/**
 * Where a batch's accepted entries wait while the body is read: a temp file, one JSON entry a line,
 * so that a 100,000-URL upload is never held whole. Only the task ids are kept in memory (to merge
 * duplicates), and the first MAX_LISTED_REJECTIONS rejections.
 *
 * The file is opened with the first accepted entry, and its stream always has an 'error' listener: a
 * stream's 'error' without one is an uncaught exception, which ended the whole server when a request
 * refused at once (a 400) disposed of its spool while the file was still being opened (the directory
 * went first, then the open failed). A failed open or write now fails this request as unavailable.
 */
export class BatchSpool {
  accepted = 0;
  duplicates = 0;
  rejectedCount = 0;
  readonly rejected: Rejection[] = [];
  private readonly taskIds = new Set<string>();
  private file: WriteStream | null = null;
  private failure: Error | null = null;

  private constructor(
    readonly batchId: string,
    private readonly dir: string,
  ) {}

  /** A spool in a new directory under `parent` (the system's temp directory unless told). */
  static async open(batchId: string, parent = tmpdir()): Promise<BatchSpool> {
    return new BatchSpool(batchId, await mkdtemp(join(parent, 'trawl-batch-')));
  }

  /** Takes one line's verdict; resolves once the file can take more (back-pressure). */
  async add(line: number, verdict: LineVerdict): Promise<void> {
    if (verdict.kind === 'skip') return;
    if (verdict.kind === 'rejected') {
      this.rejectedCount += 1;
      if (this.rejected.length < MAX_LISTED_REJECTIONS) this.rejected.push({ line, url: verdict.url, reason: verdict.reason });
      return;
    }
    const taskId = batchTaskId(this.batchId, verdict.url);
    if (this.taskIds.has(taskId)) {
      this.duplicates += 1;
      return;
    }
    this.taskIds.add(taskId);
    this.accepted += 1;
    const entry: BatchEntry = { taskId, url: verdict.url, line };
    const file = this.writable();
    if (!file.write(`${JSON.stringify(entry)}\n`)) await this.settled(once(file, 'drain'));
  }

  /** The spooled entries in order, BATCH_CHUNK at a time. */
  async *chunks(): AsyncGenerator<BatchEntry[]> {
    if (!this.file) return;
    this.file.end();
    await this.settled(once(this.file, 'finish'));
    let chunk: BatchEntry[] = [];
    try {
      for await (const line of createInterface({ input: createReadStream(this.path), crlfDelay: Infinity })) {
        if (!line) continue;
        chunk.push(JSON.parse(line) as BatchEntry);
        if (chunk.length === BATCH_CHUNK) {
          yield chunk;
          chunk = [];
        }
      }
    } catch (error) {
      throw this.unavailable(error as Error);
    }
    if (chunk.length > 0) yield chunk;
  }

  /** Closes the file (after its open, if that is still under way) and removes the directory. */
  async dispose(): Promise<void> {
    if (this.file && !this.file.closed) {
      const closed = once(this.file, 'close').catch(() => undefined); // an error before it is this.failure's
      this.file.destroy();
      await closed;
    }
    await rm(this.dir, { recursive: true, force: true });
  }

  private get path(): string {
    return join(this.dir, 'entries.ndjson');
  }

  private writable(): WriteStream {
    if (this.failure) throw this.unavailable(this.failure);
    if (!this.file) {
      this.file = createWriteStream(this.path);
      this.file.on('error', (error) => (this.failure ??= error));
    }
    return this.file;
  }

  /** Waits for a stream event; the stream's error, when it fails instead, as unavailable. */
  private async settled(event: Promise<unknown>): Promise<void> {
    await event.catch((error: unknown) => {
      throw this.unavailable(error as Error);
    });
    if (this.failure) throw this.unavailable(this.failure);
  }

  private unavailable(error: Error): UnavailableError {
    return new UnavailableError(`the batch could not be spooled to a temporary file: ${error.message}`, { cause: error });
  }
}
