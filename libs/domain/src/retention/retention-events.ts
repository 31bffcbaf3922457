import { z } from 'zod';

/**
 * Retention's events (issue 12, ADR 0009). A task's are part of its stream (see taskEventSchemas); a
 * batch's BatchExpired is part of the batch stream. Each is appended by the sweeper at the stream's
 * expected revision, so two sweepers never both append it.
 */
const isoTime = z.string().describe('ISO 8601 timestamp');
export const expiryReason = z.enum(['expires-at', 'retention']).describe("expires-at: the task's (or its batch's) expiresAt passed; retention: TRAWL_RETENTION_DAYS after it ended");

export const taskExpired = z.object({
  taskId: z.string(),
  reason: expiryReason,
  dueAt: isoTime.describe('The moment that passed: expiresAt, or the final time plus the retention days'),
  expiredAt: isoTime.describe('When the sweeper expired it; from then on its read models are gone and the API answers 410 Gone'),
});

export const taskBlobsReleased = z.object({
  taskId: z.string(),
  removed: z.number().int().min(0).describe('Blobs of the task deleted from the store (no live task or upload referenced them)'),
  kept: z.number().int().min(0).describe('Blobs of the task kept because a live task or an upload still references them'),
  restored: z.number().int().min(0).describe('Blobs deleted and written back because a task linked them while the sweep ran'),
  releasedAt: isoTime,
});

export const batchExpired = z.object({
  batchId: z.string(),
  reason: expiryReason,
  expiredAt: isoTime.describe('When the sweeper found every task of the finished batch expired'),
});

/** The ids' step names: one TaskExpired and one TaskBlobsReleased per task, ever. */
export const retentionSteps = { expired: 'expired', blobsReleased: 'blobs-released' } as const;
