import { open } from 'node:fs/promises';

/** What WalSync needs of a file: node:fs/promises' FileHandle. */
export interface SyncableFile {
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Makes what the queue committed durable off the event loop: an fsync of the SQLite WAL file on
 * libuv's thread pool, shared by every caller that asked before it started (group commit).
 *
 * A commit at `synchronous = NORMAL` has written its frames to the WAL (the OS holds them) but not
 * synced them; node:sqlite would run that fsync on the event loop (5 ms on the development VM, issue 9),
 * where it held up every other job, subscription and request of the process. fsync flushes the file's
 * data whichever descriptor wrote it, so syncing our own descriptor of the WAL makes every frame
 * committed before the call durable. A WAL checkpoint in between syncs the WAL itself before copying
 * it to the database, so no commit can slip past both.
 */
export class WalSync {
  private handle?: Promise<SyncableFile>;
  /** The fsync in progress: a commit made while it runs may not be in it. */
  private running?: Promise<void>;
  /** The fsync that starts when the running one ends: it covers every caller until it starts. */
  private queued?: Promise<void>;

  constructor(
    private readonly walPath: string,
    private readonly openFile: (path: string) => Promise<SyncableFile> = (path) => open(path, 'r'),
  ) {}

  /** Resolves once every transaction committed before the call is on disk; rejects if the fsync failed. */
  sync(): Promise<void> {
    if (this.queued) return this.queued;
    const previous = this.running ?? Promise.resolve();
    const next: Promise<void> = previous
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        this.running = next;
        return this.syncOnce();
      })
      .finally(() => {
        if (this.running === next) this.running = undefined;
      });
    this.queued = next;
    return next;
  }

  /** Lets the fsyncs asked for end, then closes the file. */
  async close(): Promise<void> {
    await (this.queued ?? this.running)?.catch(() => undefined);
    await this.release();
  }

  private async release(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await (await handle?.catch(() => undefined))?.close();
  }

  private async syncOnce(): Promise<void> {
    this.handle ??= this.openFile(this.walPath);
    try {
      await (await this.handle).sync();
    } catch (error) {
      // Opened afresh next time: a failed descriptor (or a WAL not there yet) is not kept.
      await this.release();
      throw error;
    }
  }
}
