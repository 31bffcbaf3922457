import type { Job } from '../job-bus.port';

/** Headers a dead-lettered job carries besides its own. */
export const DEAD_LETTER_HEADERS = {
  error: 'error',
  attempts: 'attempts',
  originalTopic: 'original-topic',
} as const;

/** Bounded so that a huge error message cannot blow up a message or a row. */
const MAX_ERROR_LENGTH = 2_000;

export function defaultDeadLetterTopic(topic: string): string {
  return `${topic}.dead-letter`;
}

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

export function deadLetterHeaders(job: Job, error: unknown): Record<string, string> {
  return {
    ...job.headers,
    [DEAD_LETTER_HEADERS.error]: describeError(error),
    [DEAD_LETTER_HEADERS.attempts]: String(job.attempt),
    [DEAD_LETTER_HEADERS.originalTopic]: job.topic,
  };
}
