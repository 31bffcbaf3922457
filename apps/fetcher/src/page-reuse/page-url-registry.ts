import type { EventStore } from '@trawl/event-store';
import { PAGE_URL_EVENT_SCHEMA_VERSION, deterministicEventId, pageUrlFetched, pageUrlStreamName, type PageUrlFetched } from '@trawl/domain';
import { UrlRegistry, type UrlRecordKind } from '../url-registry';

/** What trawl last downloaded of a page URL, across tasks (ADR 0012), as the image URLs' registry keeps its own. */
export type PageUrlRegistry = UrlRegistry<PageUrlFetched>;

const PAGE_URLS: UrlRecordKind<PageUrlFetched> = {
  eventType: 'PageUrlFetched',
  schema: pageUrlFetched,
  schemaVersion: PAGE_URL_EVENT_SCHEMA_VERSION,
  streamName: pageUrlStreamName,
  eventIdOf: (fetched) => deterministicEventId(fetched.taskId, `page-url:${fetched.fetchedAt}`),
};

export function pageUrlRegistry(events: EventStore): PageUrlRegistry {
  return new UrlRegistry(events, PAGE_URLS);
}
