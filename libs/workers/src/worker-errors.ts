import { TrawlError } from '@trawl/errors';

/** A task ran past the pool's time limit; its worker was terminated. */
export class WorkerTimeoutError extends TrawlError {
  readonly code = 'worker-timeout';
  constructor(readonly timeoutMs: number) {
    super(`not done within ${timeoutMs} ms`);
  }
}

/** The worker ran out of its heap (resourceLimits) and was terminated by Node. */
export class WorkerOutOfMemoryError extends TrawlError {
  readonly code = 'worker-out-of-memory';
}

/** The worker died, or its task threw: the message says which. */
export class WorkerFailedError extends TrawlError {
  readonly code = 'worker-failed';
}
