import { Worker } from 'node:worker_threads';
import { UnavailableError } from '@trawl/errors';
import { workerScript } from '@trawl/workers';
import { fromWireOutcome, toWireAppend, type WireOutcome } from './append-wire';
import type { AppendOutcome, PendingAppend } from './sqlite-append';

interface Member {
  append: PendingAppend;
  settle(outcome: AppendOutcome): void;
}

/**
 * Appends through a writer thread, group-committed: while one group commits there, the appends
 * made meanwhile wait, and go together as the next group. So a busy process commits large groups
 * (one fsync each) and an idle one commits each append at once, with no timer in between; and the
 * fsync, a fifth of the embedded process's main thread when it ran there, blocks no event loop.
 * The thread starts with the first append and is unreferenced while idle, so it never keeps a
 * process alive.
 */
export class SqliteAppendThread {
  private worker: Worker | null = null;
  private inFlight: Member[] | null = null;
  private waiting: Member[] = [];
  private closed = false;
  private drainListeners: Array<() => void> = [];

  constructor(private readonly options: { path: string; busyTimeoutMs: number }) {}

  append(append: PendingAppend): Promise<AppendOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, error: new UnavailableError('the SQLite event store is closed') });
    return new Promise((settle) => {
      this.waiting.push({ append, settle });
      if (this.inFlight === null) this.sendNext();
    });
  }

  /** Waits for what was appended to commit, then stops the thread. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.inFlight !== null) await new Promise<void>((resolve) => this.drainListeners.push(resolve));
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private sendNext(): void {
    if (this.waiting.length === 0) {
      this.worker?.unref();
      for (const listener of this.drainListeners.splice(0)) listener();
      return;
    }
    const group = this.waiting;
    this.waiting = [];
    this.inFlight = group;
    const worker = this.ensureWorker();
    worker.ref();
    worker.postMessage(group.map((member) => toWireAppend(member.append)));
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const { file, execArgv } = workerScript(__dirname, __filename, 'sqlite-append');
    const worker = new Worker(file, { execArgv, workerData: this.options });
    worker.on('message', (outcomes: WireOutcome[]) => this.settle(outcomes.map(fromWireOutcome)));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private settle(outcomes: AppendOutcome[]): void {
    const group = this.inFlight ?? [];
    this.inFlight = null;
    for (const [index, member] of group.entries()) member.settle(outcomes[index]);
    this.sendNext();
  }

  /**
   * The thread died: whether its last group committed is unknown, so that group fails as
   * unavailable (a retry with the same event ids is idempotent), and the next append starts a
   * new thread.
   */
  private fail(worker: Worker, cause: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const group = this.inFlight ?? [];
    this.inFlight = null;
    const error = new UnavailableError(`the SQLite event store's writer thread stopped: ${cause.message}`, { cause });
    for (const member of group) member.settle({ ok: false, error });
    this.sendNext();
  }
}
