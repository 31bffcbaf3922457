/** Kafka's answers while a new topic's partitions are being set up; kafkajs marks them retriable. */
const NOT_SERVED_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'NOT_LEADER_FOR_PARTITION']);

/**
 * Tries of a topic's first use by a consumer (creating it, joining its group) while its partitions are
 * not served yet, and the pause between them: up to half a minute for a new topic's partition leaders.
 * Four tries (4 s) were not always enough on a loaded 2-core machine, where a fetcher then exited "This
 * server does not host this topic-partition" at start (a CI run of the distributed batch suite, 2026-12-01).
 */
export const NOT_SERVED_ATTEMPTS = 30;
export const NOT_SERVED_RETRY_MS = 1_000;

/** True when the error, or one it wraps, says a topic's partitions are not served yet. */
export function isTopicNotServedYet(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  if (NOT_SERVED_YET.has((error as { type?: string }).type ?? '')) return true;
  // kafkajs wraps the last error of its own retries as `originalError`; ours keep it as `cause`.
  const inner = error as { cause?: unknown; originalError?: unknown };
  return isTopicNotServedYet(inner.cause ?? inner.originalError, depth + 1);
}

/**
 * Runs `work` again, after a pause, as long as it fails because a topic is not served yet, up to
 * `attempts` tries, and not once `stopped()` (the bus closing). Any other failure passes at once.
 */
export async function whileTopicNotServed<T>(
  work: () => Promise<T>,
  options: { stopped: () => boolean; attempts?: number; pauseMs?: number },
): Promise<T> {
  const attempts = options.attempts ?? NOT_SERVED_ATTEMPTS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (options.stopped() || attempt >= attempts || !isTopicNotServedYet(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? NOT_SERVED_RETRY_MS));
    }
  }
}
