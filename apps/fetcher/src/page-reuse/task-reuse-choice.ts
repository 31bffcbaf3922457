import type { RecordedEvent } from '@trawl/event-store';

/**
 * Whether the task asked for its page from an earlier download (TaskRequested.reuse; absent: false),
 * read from its loaded stream: only the page job acts on it.
 */
export function reuseRequested(events: readonly RecordedEvent[]): boolean {
  const requested = events.find((event) => event.type === 'TaskRequested');
  return (requested?.data as { reuse?: boolean } | undefined)?.reuse === true;
}
