import type { EventStore } from '@trawl/event-store';
import { taskIdFromStreamName, toTaskEvent, uploadIdFromStreamName, type TaskEvent } from '@trawl/domain';

const PAGE = 1000;

export interface LoggedLink {
  taskId: string | null;
  event: TaskEvent | null;
  uploadedSha256?: string;
}

/**
 * The log after `from` (a projector checkpoint: everything up to it is in the blob references), as
 * what each event links: task events, and uploads (whose stream holds the blob's address). This is
 * what the re-check after a delete reads, so it does not depend on how far the projector has come.
 */
export async function* linksSince(eventStore: EventStore, from: string | null): AsyncGenerator<LoggedLink> {
  let position = from ?? undefined;
  for (;;) {
    const page = await eventStore.readAll({ from: position, maxCount: PAGE });
    for (const recorded of page) {
      if (uploadIdFromStreamName(recorded.streamName) !== null && recorded.type === 'ImageUploaded') {
        yield { taskId: null, event: null, uploadedSha256: (recorded.data as { sha256: string }).sha256 };
        continue;
      }
      const taskId = taskIdFromStreamName(recorded.streamName);
      if (taskId !== null) yield { taskId, event: toTaskEvent(recorded) };
    }
    if (page.length < PAGE) return;
    position = page.at(-1)!.position;
  }
}

/** Collects an async generator (the pure re-check takes an iterable). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
