import { randomUUID } from 'node:crypto';
import type { GlobalPosition, NewEvent, RecordedEvent } from '@trawl/event-store';

/** A stream name no other test (or other suite sharing the server) can use. */
export function uniqueStream(purpose: string): string {
  return `contract-${purpose}-${randomUUID()}`;
}

export function newEvents(count: number, type = 'ThingHappened'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => ({
    id: randomUUID(),
    type,
    data: { n, note: `event ${n}` },
    metadata: { correlationId: 'corr-contract', schemaVersion: 1 },
  }));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls a condition; fails with `what` once the deadline passes. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * A subscription handler that keeps the events of one stream (the store may be shared with other
 * writers) and, like a real projection, saves the checkpoint after every event it handled.
 */
export class StreamRecorder {
  readonly seen: RecordedEvent[] = [];
  checkpoint: GlobalPosition | undefined;
  calls = 0;

  constructor(private readonly streamName: string) {}

  readonly onEvent = async (event: RecordedEvent): Promise<void> => {
    this.calls += 1;
    if (event.streamName === this.streamName) this.seen.push(event);
    this.checkpoint = event.position;
  };

  revisions(): number[] {
    return this.seen.map((event) => Number(event.revision));
  }
}

export function range(count: number): number[] {
  return Array.from({ length: count }, (_, n) => n);
}
