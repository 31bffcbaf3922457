/** Waits `ms`; resolves true when the time is up, false as soon as `signal` aborts. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits until the wall clock reaches `timeMs` (a job's not-before). Timers may fire a millisecond
 * early against Date.now(), so it sleeps again until the time has really come: a retry never runs
 * before the delay it was promised. Resolves false as soon as `signal` aborts.
 */
export async function waitUntil(timeMs: number, signal: AbortSignal): Promise<boolean> {
  for (let remaining = timeMs - Date.now(); remaining > 0; remaining = timeMs - Date.now()) {
    if (!(await abortableDelay(remaining, signal))) return false;
  }
  return !signal.aborted;
}
