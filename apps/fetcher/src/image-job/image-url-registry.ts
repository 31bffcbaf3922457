import type { EventStore } from '@trawl/event-store';
import { WrongExpectedRevisionError } from '@trawl/errors';
import { IMAGE_URL_EVENT_SCHEMA_VERSION, deterministicEventId, imageUrlFetched, imageUrlStreamName, type ImageUrlFetched } from '@trawl/domain';

/**
 * What trawl last stored for an image URL, across tasks: the last event of the URL's stream. Writes
 * are appends with a deterministic id (task + image + when), so a redelivered job records nothing twice.
 */
export class ImageUrlRegistry {
  constructor(private readonly events: EventStore) {}

  async last(url: string): Promise<ImageUrlFetched | null> {
    const [event] = await this.events.readStream(imageUrlStreamName(url), { direction: 'backwards', maxCount: 1 });
    if (!event || event.type !== 'ImageUrlFetched') return null;
    const parsed = imageUrlFetched.safeParse(event.data);
    return parsed.success ? parsed.data : null;
  }

  async record(fetched: ImageUrlFetched): Promise<void> {
    const id = deterministicEventId(`${fetched.taskId}/${fetched.imageId}`, `image-url:${fetched.fetchedAt}`);
    const event = { id, type: 'ImageUrlFetched', data: imageUrlFetched.parse(fetched), metadata: { schemaVersion: IMAGE_URL_EVENT_SCHEMA_VERSION } };
    try {
      await this.events.appendToStream(imageUrlStreamName(fetched.url), [event], { expectedRevision: 'any' });
    } catch (error) {
      // Reuse is an optimisation: a failed record costs a later download, never the image itself.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}
