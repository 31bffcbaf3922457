import type { EventStore } from '@trawl/event-store';
import { WrongExpectedRevisionError } from '@trawl/errors';
import { PAGE_URL_EVENT_SCHEMA_VERSION, deterministicEventId, pageUrlFetched, pageUrlStreamName, type PageUrlFetched } from '@trawl/domain';

/**
 * What trawl last downloaded of a page URL, across tasks: the last event of the URL's stream in the
 * event store (the SQLite file, or EventStoreDB), as the image URLs' registry keeps its own. Writes
 * are appends with a deterministic id (task + when), so a redelivered job records nothing twice.
 */
export class PageUrlRegistry {
  constructor(private readonly events: EventStore) {}

  async last(url: string): Promise<PageUrlFetched | null> {
    const [event] = await this.events.readStream(pageUrlStreamName(url), { direction: 'backwards', maxCount: 1 });
    if (!event || event.type !== 'PageUrlFetched') return null;
    const parsed = pageUrlFetched.safeParse(event.data);
    return parsed.success ? parsed.data : null;
  }

  async record(fetched: PageUrlFetched): Promise<void> {
    const id = deterministicEventId(fetched.taskId, `page-url:${fetched.fetchedAt}`);
    const event = { id, type: 'PageUrlFetched', data: pageUrlFetched.parse(fetched), metadata: { schemaVersion: PAGE_URL_EVENT_SCHEMA_VERSION } };
    try {
      await this.events.appendToStream(pageUrlStreamName(fetched.url), [event], { expectedRevision: 'any' });
    } catch (error) {
      // Reuse is an optimisation: a failed record costs a later download, never the page itself.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}
