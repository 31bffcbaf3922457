import type { EventStore } from '@trawl/event-store';
import {
  WEBHOOK_EVENT_SCHEMA_VERSION,
  deliveryProgress,
  toWebhookEvent,
  validateWebhookEvent,
  webhookEventId,
  type DeliveryProgress,
  type WebhookEvent,
} from '@trawl/domain';

/**
 * A delivery's record in the stream of the resource it reports on (a task's or a batch's): each
 * attempt and the end are appended with deterministic ids, so a replay appends nothing twice.
 */
export class DeliveryJournal {
  constructor(private readonly store: EventStore) {}

  async progress(streamName: string, deliveryId: string): Promise<DeliveryProgress> {
    const events = await this.store.readStream(streamName);
    const webhookEvents = events.map(toWebhookEvent).filter((event): event is WebhookEvent => event !== null);
    return deliveryProgress(webhookEvents, deliveryId);
  }

  async record(streamName: string, ownerId: string, event: WebhookEvent): Promise<void> {
    const valid = validateWebhookEvent(event);
    await this.store.appendToStream(
      streamName,
      [{ id: webhookEventId(ownerId, valid), type: valid.type, data: valid.data, metadata: { schemaVersion: WEBHOOK_EVENT_SCHEMA_VERSION } }],
      { expectedRevision: 'any' },
    );
  }
}
