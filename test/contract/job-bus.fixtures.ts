import { randomBytes } from 'node:crypto';
import type { Job, JobContext } from '@trawl/job-bus';

/** Per test; explicit, because a project-level jest testTimeout is not applied to every run. */
export const TEST_TIMEOUT_MS = 60_000;
/** The kill test waits for a child to start and for the group to notice the death. */
export const KILL_TEST_TIMEOUT_MS = 120_000;

/** Unique per test: the Kafka servers are shared with other test runs. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

export interface Handled {
  member: string;
  job: Job;
  at: number;
}

/** Records every handler call of the members of a test, in order. */
export class Recorder {
  readonly handled: Handled[] = [];

  /** A handler for `member` that records the job, then runs `then` (default: succeed). */
  handler(
    member: string,
    then: (job: Job, context: JobContext) => Promise<void> = async () => undefined,
  ): (job: Job, context: JobContext) => Promise<void> {
    return async (job, context) => {
      this.handled.push({ member, job, at: Date.now() });
      await then(job, context);
    };
  }

  ids(member?: string): string[] {
    return this.handled.filter((h) => member === undefined || h.member === member).map((h) => h.job.id);
  }

  count(id: string): number {
    return this.handled.filter((h) => h.job.id === id).length;
  }

  has(id: string, member?: string): boolean {
    return this.handled.some((h) => h.job.id === id && (member === undefined || h.member === member));
  }
}

/** Resolves when `signal` aborts; rejects then, as a handler handing its job back does. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((_resolve, reject) => {
    const fail = (): void => reject(new Error('aborted'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

/** A gate a test opens by hand. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
