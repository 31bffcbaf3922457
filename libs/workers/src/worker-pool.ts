import { Worker } from 'node:worker_threads';
import { WorkerFailedError, WorkerOutOfMemoryError, WorkerTimeoutError } from './worker-errors';
import type { WorkerReply } from './worker-tasks';

export { WorkerFailedError, WorkerOutOfMemoryError, WorkerTimeoutError } from './worker-errors';

export interface WorkerPoolOptions {
  /** The worker's entry file; it answers through `serveWorkerTasks`. */
  file: string;
  /** Node options of the worker (a TypeScript loader when running from sources). */
  execArgv?: string[];
  /** Workers at most; they start when first needed and stay. */
  size: number;
  /** Time one task may take in its worker, from the moment it is handed over. */
  timeoutMs: number;
  /** Old-generation heap of each worker. */
  maxHeapMb: number;
  /**
   * Young generation of each worker (V8's default is sized for the whole machine: 64 MiB of
   * semi-spaces under a steady allocation rate, in every worker). Default: V8's.
   */
  maxYoungGenerationMb?: number;
}

type Settle = (outcome: { ok: true; value: unknown } | { ok: false; error: unknown }) => void;
interface Slot {
  worker: Worker;
  ready: boolean;
  settle: Settle | null;
}
interface Pending {
  input: unknown;
  signal?: AbortSignal;
  settle: Settle;
  /** Stops watching the signal while queued (the task is being dispatched). */
  dequeue: () => void;
}

/**
 * A small pool of worker threads, one task per worker at a time, for CPU-bound work that must not
 * hold the event loop (heartbeats, other jobs). A task that runs past `timeoutMs`, or whose caller
 * aborts, has its worker terminated (a busy thread cannot be interrupted any other way) and a new
 * one takes its place when needed.
 */
export class WorkerPool<In, Out> {
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  /** Callers of warm() waiting for a starting worker: told true when it is ready, false when it died first. */
  private warming: Array<(ready: boolean) => void> = [];
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  run(input: In, signal?: AbortSignal): Promise<Out> {
    if (this.closed) return Promise.reject(new WorkerFailedError('the worker pool is closed'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Out>((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(pending);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal!.reason);
      };
      const pending: Pending = {
        input,
        signal,
        settle: (outcome) => (outcome.ok ? resolve(outcome.value as Out) : reject(outcome.error)),
        dequeue: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(pending);
      this.pump();
    });
  }

  /**
   * Starts a worker before any task asks for one (when none is running or starting), and resolves true
   * once a worker is ready, false when it died first or the pool is closed. Its loading (the worker's
   * thread and modules: ~1 s for the page parser) is then not on the first task's path.
   */
  warm(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if ([...this.slots].some((slot) => slot.ready)) return Promise.resolve(true);
    if (this.slots.size === 0) this.spawn();
    return new Promise((resolve) => this.warming.push(resolve));
  }

  /** Terminates every worker; queued and running tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) {
      pending.dequeue();
      pending.settle({ ok: false, error: new WorkerFailedError('the worker pool closed') });
    }
    await Promise.all([...this.slots].map((slot) => this.retire(slot, new WorkerFailedError('the worker pool closed'))));
    this.tellWarming(false);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = [...this.slots].find((candidate) => candidate.ready && candidate.settle === null);
      if (!slot) {
        // One worker starts at a time: a task queued while one starts waits for it, rather than starting a
        // thread of its own beside it (a warmed pool would otherwise hold two where one does).
        const starting = [...this.slots].some((candidate) => !candidate.ready);
        if (!starting && this.slots.size < this.options.size) this.spawn();
        return;
      }
      const pending = this.queue.shift()!;
      pending.dequeue();
      this.dispatch(slot, pending);
    }
  }

  private dispatch(slot: Slot, pending: Pending): void {
    const timer = setTimeout(() => void this.retire(slot, new WorkerTimeoutError(this.options.timeoutMs)), this.options.timeoutMs);
    const onAbort = () => void this.retire(slot, pending.signal!.reason);
    pending.signal?.addEventListener('abort', onAbort, { once: true });
    slot.settle = (outcome) => {
      clearTimeout(timer);
      pending.signal?.removeEventListener('abort', onAbort);
      slot.settle = null;
      pending.settle(outcome);
    };
    slot.worker.postMessage(pending.input);
  }

  private spawn(): void {
    const worker = new Worker(this.options.file, {
      execArgv: this.options.execArgv,
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.maxHeapMb,
        ...(this.options.maxYoungGenerationMb === undefined ? {} : { maxYoungGenerationSizeMb: this.options.maxYoungGenerationMb }),
      },
    });
    // Idle workers must not keep a process alive that is otherwise done.
    worker.unref();
    const slot: Slot = { worker, ready: false, settle: null };
    this.slots.add(slot);
    worker.on('message', (message: WorkerReply) => {
      if (message.kind === 'ready') {
        slot.ready = true;
        this.tellWarming(true);
        this.pump();
      } else if (message.kind === 'result') {
        slot.settle?.({ ok: true, value: message.value });
        this.pump();
      } else {
        slot.settle?.({ ok: false, error: new WorkerFailedError(message.message) });
        this.pump();
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const failure = error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new WorkerOutOfMemoryError(`the worker ran out of its ${this.options.maxHeapMb} MB heap`, { cause: error })
        : new WorkerFailedError(`the worker failed: ${error.message}`, { cause: error });
      void this.retire(slot, failure);
    });
    worker.on('exit', (code) => void this.retire(slot, new WorkerFailedError(`the worker exited with code ${code}`)));
  }

  /** Fails the slot's task (if any) with `error`, drops the slot and terminates its worker. */
  private async retire(slot: Slot, error: unknown): Promise<void> {
    if (!this.slots.delete(slot)) return;
    slot.settle?.({ ok: false, error });
    slot.settle = null;
    // A worker that dies before it is ready (a broken build, a failing import) takes the oldest
    // waiting task with it: otherwise the pool would respawn it forever while tasks wait.
    const waiting = slot.ready ? undefined : this.queue.shift();
    waiting?.dequeue();
    waiting?.settle({ ok: false, error });
    if (!slot.ready) this.tellWarming(false);
    await slot.worker.terminate();
    if (!this.closed) this.pump();
  }

  private tellWarming(ready: boolean): void {
    for (const resolve of this.warming.splice(0)) resolve(ready);
  }
}
