import { close, open, rm } from 'node:fs';
import { promisify } from 'node:util';
import type { FileBlobLayout } from './file-blob-layout';

const openAsync = promisify(open);
const closeAsync = promisify(close);

/** An empty temp file, created and open for writing. */
export interface TempFile {
  path: string;
  fd: number;
  openedAt: number;
}

/** Suffix of the reserve's files: empty until a write takes one (see the blob store contract's count). */
export const RESERVE_SUFFIX = '.reserve';

/** Files kept open ahead of the writes. */
const DEPTH = 4;
/**
 * A reserve file older than this is not used: another process opening the store sweeps temp files
 * older than an hour (crash leftovers), and must never take one from under a write.
 */
const MAX_AGE_MS = 10 * 60 * 1000;

/**
 * Temp files created ahead of the writes that need them, on libuv's pool. Creating a file in a
 * directory waits for the ext4 journal while other writes' fsyncs commit it: in the images bench each
 * blob's `openSync(…, 'wx')` blocked the event loop 0.74 ms on average (over 1 ms for 28% of them), a
 * tenth of the loop's time; opening it on the pool when the write starts put a round trip on every
 * write's path instead, which measured worse (ADR 0011). A reserve of a few files opened ahead takes it
 * off both: a write takes a ready file and the reserve refills behind it. When the reserve is empty (a
 * burst), the write waits for an open of its own on the pool.
 */
export class TempFileReserve {
  private readonly ready: TempFile[] = [];
  private opening = 0;
  private closed = false;

  constructor(
    private readonly layout: FileBlobLayout,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new empty temp file of this writer's own; the caller closes it and renames or removes it. */
  async take(): Promise<TempFile> {
    if (this.closed) throw new Error('the blob store is closed');
    let file = this.ready.shift();
    while (file && this.now() - file.openedAt > MAX_AGE_MS) {
      discard(file);
      file = this.ready.shift();
    }
    this.refill();
    return file ?? this.openOne();
  }

  /** Closes and removes the files not taken, and those still being opened once they are. */
  close(): void {
    this.closed = true;
    for (const file of this.ready.splice(0)) discard(file);
  }

  private refill(): void {
    while (!this.closed && this.ready.length + this.opening < DEPTH) {
      this.opening += 1;
      this.openOne().then(
        (file) => {
          this.opening -= 1;
          if (this.closed) discard(file);
          else this.ready.push(file);
        },
        // A reserve that cannot open a file stays short: the write that finds it empty opens its
        // own and meets the error there.
        () => (this.opening -= 1),
      );
    }
  }

  private async openOne(): Promise<TempFile> {
    const path = this.layout.newTempPath(RESERVE_SUFFIX);
    return { path, fd: await openAsync(path, 'wx'), openedAt: this.now() };
  }
}

function discard(file: TempFile): void {
  void closeAsync(file.fd).catch(() => undefined);
  rm(file.path, { force: true }, () => undefined);
}
