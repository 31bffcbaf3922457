import type { RecordedEvent } from '@trawl/event-store';

/**
 * The task's own opt-out choice (TaskRequested.respectOptOuts; absent: true), read from its loaded
 * stream: the switch lives on the request, not in the domain's task state, since only the fetcher
 * acts on it. A requeued run keeps the request's choice.
 */
/** The task's thumbnail widths (TaskRequested.thumbnails), none when it asked for none. */
export function thumbnailWidths(events: readonly RecordedEvent[]): number[] {
  const requested = events.find((event) => event.type === 'TaskRequested');
  return (requested?.data as { thumbnails?: number[] } | undefined)?.thumbnails ?? [];
}

export function respectsOptOuts(events: readonly RecordedEvent[]): boolean {
  const requested = events.find((event) => event.type === 'TaskRequested');
  return (requested?.data as { respectOptOuts?: boolean } | undefined)?.respectOptOuts !== false;
}
