import type { WebhookEvent } from './webhook-events';

/** How far one delivery got, from the events already in its stream (a restart resumes from here). */
export interface DeliveryProgress {
  attemptsMade: number;
  finished: boolean;
}

export function deliveryProgress(events: readonly WebhookEvent[], deliveryId: string): DeliveryProgress {
  let attemptsMade = 0;
  let finished = false;
  for (const event of events) {
    if (event.data.deliveryId !== deliveryId) continue;
    if (event.type === 'WebhookAttempted') attemptsMade = Math.max(attemptsMade, event.data.attempt);
    else finished = true;
  }
  return { attemptsMade, finished };
}
