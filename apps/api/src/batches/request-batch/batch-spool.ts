import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BATCH_CHUNK, batchTaskId, type BatchEntry } from '@trawl/domain';
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
 */
export class BatchSpool {
  accepted = 0;
  duplicates = 0;
  rejectedCount = 0;
  readonly rejected: Rejection[] = [];
  private readonly taskIds = new Set<string>();
  private constructor(
    readonly batchId: string,
    private readonly dir: string,
    private readonly file: WriteStream,
  ) {}

  static async open(batchId: string): Promise<BatchSpool> {
    const dir = await mkdtemp(join(tmpdir(), 'trawl-batch-'));
    return new BatchSpool(batchId, dir, createWriteStream(join(dir, 'entries.ndjson')));
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
    if (!this.file.write(`${JSON.stringify(entry)}\n`)) await once(this.file, 'drain');
  }

  /** The spooled entries in order, BATCH_CHUNK at a time. */
  async *chunks(): AsyncGenerator<BatchEntry[]> {
    this.file.end();
    await once(this.file, 'finish');
    let chunk: BatchEntry[] = [];
    for await (const line of createInterface({ input: createReadStream(join(this.dir, 'entries.ndjson')), crlfDelay: Infinity })) {
      if (!line) continue;
      chunk.push(JSON.parse(line) as BatchEntry);
      if (chunk.length === BATCH_CHUNK) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
  }

  async dispose(): Promise<void> {
    if (!this.file.closed) this.file.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}
