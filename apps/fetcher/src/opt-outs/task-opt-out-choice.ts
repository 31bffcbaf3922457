import type { RecordedEvent } from '@trawl/event-store';
import type { ThumbnailOption } from '@trawl/domain';

/** A thumbnail the task asked for, in one shape: a plain width means the source's own format. */
export interface ThumbnailRequest {
  width: number;
  format?: 'jpeg' | 'png' | 'webp' | 'avif';
  quality?: number;
}

/**
 * The task's thumbnails (TaskRequested.thumbnails), none when it asked for none. Plain widths (all
 * that events written before formats existed hold) become `{width}`.
 */
export function thumbnailRequests(events: readonly RecordedEvent[]): ThumbnailRequest[] {
  const requested = events.find((event) => event.type === 'TaskRequested');
  const options = (requested?.data as { thumbnails?: ThumbnailOption[] } | undefined)?.thumbnails ?? [];
  return options.map((option) => (typeof option === 'number' ? { width: option } : option));
}

/**
 * The task's own opt-out choice (TaskRequested.respectOptOuts; absent: true), read from its loaded
 * stream: the switch lives on the request, not in the domain's task state, since only the fetcher
 * acts on it. A requeued run keeps the request's choice.
 */
export function respectsOptOuts(events: readonly RecordedEvent[]): boolean {
  const requested = events.find((event) => event.type === 'TaskRequested');
  return (requested?.data as { respectOptOuts?: boolean } | undefined)?.respectOptOuts !== false;
}
