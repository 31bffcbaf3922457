import { UnavailableError } from '@trawl/errors';

const FIRST_WAIT_MS = 500;
const MAX_WAIT_MS = 15_000;

/**
 * Runs a job handler, and while it fails because our own infrastructure (event store, blob store, read
 * models) does not answer, waits and runs it again, holding the job. Such a failure says nothing about
 * the page, so it must not use up the job's attempts nor send it to the dead letter: the task resumes
 * when the dependency returns. Stopping the consumer aborts the signal and hands the job back.
 */
export async function waitOutOutages<T>(
  run: () => Promise<T>,
  signal: AbortSignal,
  onOutage: (error: UnavailableError, retryInMs: number) => void = () => undefined,
): Promise<T> {
  let waitMs = FIRST_WAIT_MS;
  for (;;) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof UnavailableError) || signal.aborted) throw error;
      onOutage(error, waitMs);
      await sleep(waitMs, signal);
      waitMs = Math.min(waitMs * 2, MAX_WAIT_MS);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', aborted, { once: true });
  });
}
