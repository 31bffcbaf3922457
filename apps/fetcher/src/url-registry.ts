import type { EventStore } from '@trawl/event-store';
import { WrongExpectedRevisionError } from '@trawl/errors';
import type { z } from 'zod';

/** What a URL registry records: one event type on one stream per URL (page URLs, image URLs). */
export interface UrlRecordKind<T extends { url: string }> {
  eventType: string;
  schema: z.ZodType<T>;
  schemaVersion: number;
  streamName(url: string): string;
  /**
   * The event id of a record, deterministic (who fetched it, and when): a redelivered job that records
   * the same download again appends nothing.
   */
  eventIdOf(record: T): string;
}

/**
 * What trawl last downloaded of a URL, across tasks: the last event of the URL's stream in the event
 * store (the SQLite file, or EventStoreDB). Reuse reads it before a download, and records each download
 * (or revalidation) after its bytes are stored.
 */
export class UrlRegistry<T extends { url: string }> {
  constructor(
    private readonly events: EventStore,
    private readonly kind: UrlRecordKind<T>,
  ) {}

  async last(url: string): Promise<T | null> {
    const [event] = await this.events.readStream(this.kind.streamName(url), { direction: 'backwards', maxCount: 1 });
    if (!event || event.type !== this.kind.eventType) return null;
    const parsed = this.kind.schema.safeParse(event.data);
    return parsed.success ? parsed.data : null;
  }

  async record(fetched: T): Promise<void> {
    const { kind } = this;
    const event = { id: kind.eventIdOf(fetched), type: kind.eventType, data: kind.schema.parse(fetched), metadata: { schemaVersion: kind.schemaVersion } };
    try {
      await this.events.appendToStream(kind.streamName(fetched.url), [event], { expectedRevision: 'any' });
    } catch (error) {
      // Reuse is an optimisation: a failed record costs a later download, never the page or image itself.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}
