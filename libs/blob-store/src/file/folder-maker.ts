import { mkdir } from 'node:fs/promises';

/**
 * Makes the store's fan-out folders on libuv's pool, once per folder. Creating a folder waits for the
 * ext4 journal while other writes' fsyncs commit it: in the text bench each `mkdirSync` held the event
 * loop ~1.4 ms, 6% of its time on a fresh store (ADR 0011). A write starts its folder as soon as it
 * knows its address, beside its own write and fsync, and waits for it only before the rename.
 */
export class FolderMaker {
  private readonly folders = new Map<string, Promise<void>>();

  /** Resolves once `dir` exists (made by this process, or found). A failure is not remembered: the next write tries again. */
  ensure(dir: string): Promise<void> {
    let made = this.folders.get(dir);
    if (!made) {
      made = mkdir(dir, { recursive: true }).then(() => undefined);
      this.folders.set(dir, made);
      made.catch(() => this.folders.delete(dir));
    }
    return made;
  }

  /** A folder removed behind the process's back (by hand) is made again. False when it was not known as made. */
  forget(dir: string): boolean {
    return this.folders.delete(dir);
  }
}
