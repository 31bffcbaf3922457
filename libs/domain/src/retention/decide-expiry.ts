/** Why a task or batch expires: its own `expiresAt`, or the server's TRAWL_RETENTION_DAYS after it ended. */
export type ExpiryReason = 'expires-at' | 'retention';

export interface ExpiryFacts {
  now: Date;
  /** TRAWL_RETENTION_DAYS; null: no server-wide retention (the default). */
  retentionDays: number | null;
  /** When the task reached its final status (or last changed after it); null while it is not final. */
  finalAt: string | null;
  /** The task's (or its batch's) own expiry, ISO 8601; null when it has none. */
  expiresAt: string | null;
}

export type ExpiryDecision = { expired: false } | { expired: true; reason: ExpiryReason; dueAt: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a task has expired. Only a final task expires: a task still running keeps its data whatever
 * its `expiresAt` says, and expires at the first sweep after it ends. Of the two deadlines the earlier
 * one wins; `dueAt` says which moment passed.
 */
export function decideExpiry(facts: ExpiryFacts): ExpiryDecision {
  if (facts.finalAt === null) return { expired: false };
  const finalMs = Date.parse(facts.finalAt);
  const deadlines: { reason: ExpiryReason; at: number }[] = [];
  if (facts.expiresAt !== null && Number.isFinite(Date.parse(facts.expiresAt))) deadlines.push({ reason: 'expires-at', at: Date.parse(facts.expiresAt) });
  if (facts.retentionDays !== null && facts.retentionDays > 0 && Number.isFinite(finalMs)) {
    deadlines.push({ reason: 'retention', at: finalMs + facts.retentionDays * DAY_MS });
  }
  const due = deadlines.filter((deadline) => deadline.at <= facts.now.getTime()).sort((a, b) => a.at - b.at)[0];
  return due ? { expired: true, reason: due.reason, dueAt: new Date(due.at).toISOString() } : { expired: false };
}

/**
 * The last final time that retention alone already expires at `now` (the sweeper's query bound), or
 * null when retention is off.
 */
export function retentionCutoff(now: Date, retentionDays: number | null): string | null {
  return retentionDays !== null && retentionDays > 0 ? new Date(now.getTime() - retentionDays * DAY_MS).toISOString() : null;
}

/**
 * Checks a requested `expiresAt`: an ISO 8601 date-time with an offset (or Z), in the future. Returns
 * the normalised UTC form, or why it is refused.
 */
export function checkExpiresAt(value: string, now: Date): { ok: true; expiresAt: string } | { ok: false; message: string } {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
  const at = Date.parse(value);
  if (!iso.test(value) || !Number.isFinite(at)) return { ok: false, message: 'must be an ISO 8601 date-time with a time zone, e.g. 2030-01-31T12:00:00Z' };
  if (at <= now.getTime()) return { ok: false, message: `must be in the future (it is ${now.toISOString()} now)` };
  return { ok: true, expiresAt: new Date(at).toISOString() };
}
