import type { EventStore } from '@trawl/event-store';
import { IMAGE_URL_EVENT_SCHEMA_VERSION, deterministicEventId, imageUrlFetched, imageUrlStreamName, type ImageUrlFetched } from '@trawl/domain';
import { UrlRegistry, type UrlRecordKind } from '../url-registry';

/** What trawl last stored for an image URL, across tasks. */
export type ImageUrlRegistry = UrlRegistry<ImageUrlFetched>;

const IMAGE_URLS: UrlRecordKind<ImageUrlFetched> = {
  eventType: 'ImageUrlFetched',
  schema: imageUrlFetched,
  schemaVersion: IMAGE_URL_EVENT_SCHEMA_VERSION,
  streamName: imageUrlStreamName,
  eventIdOf: (fetched) => deterministicEventId(`${fetched.taskId}/${fetched.imageId}`, `image-url:${fetched.fetchedAt}`),
};

export function imageUrlRegistry(events: EventStore): ImageUrlRegistry {
  return new UrlRegistry(events, IMAGE_URLS);
}
