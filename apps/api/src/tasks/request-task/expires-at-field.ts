import { z } from 'zod';
import { checkExpiresAt } from '@trawl/domain';

/**
 * `expiresAt` of a task or batch (retention, ADR 0009): an ISO 8601 date-time with a zone, in the
 * future, normalised to UTC. Checked against the clock when the request is read.
 */
export const expiresAtField = z
  .string()
  .transform((value, context) => {
    const checked = checkExpiresAt(value, new Date());
    if (checked.ok) return checked.expiresAt;
    context.addIssue({ code: 'custom', message: checked.message });
    return z.NEVER;
  })
  .describe("When the data may be removed: after it, once the task is final, the sweeper removes its read models and unshared blobs, and the API answers 410 Gone");
