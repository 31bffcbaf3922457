import { toBatchEvent, type BatchEvent } from '@trawl/domain';
import { batchNotificationFor, evolveWatchedBatch, isFinalBatch, type WatchedBatch } from './watched-batch';
import { StreamWatch, type ReadEarlier, type WatchRules } from './stream-watch';

const batchRules: WatchRules<BatchEvent, WatchedBatch> = {
  // Events of a batch stream that are not batch events (the notifier's own Webhook* records) are passed over.
  toEvent: toBatchEvent,
  evolve: evolveWatchedBatch,
  isFinal: isFinalBatch,
  notificationFor: batchNotificationFor,
};

/** Follows every batch from the store-wide log; only its counts are held while it runs. */
export function batchWatch(readEarlier: ReadEarlier<BatchEvent>): StreamWatch<BatchEvent, WatchedBatch> {
  return new StreamWatch(batchRules, readEarlier);
}
