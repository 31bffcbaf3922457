import type { EventStore, RecordedEvent } from '@trawl/event-store';
import { WrongExpectedRevisionError } from '@trawl/errors';
import { decideExpiry, retentionCutoff, retentionSteps, taskExpiryFacts, taskStreamName, toTaskEvent, type TaskEvent } from '@trawl/domain';
import type { ReadModelStore } from '@trawl/read-models';
import { TaskStreams, correlationIdOf } from '@trawl/tasks';

export interface ExpiryDeps {
  eventStore: EventStore;
  readModels: ReadModelStore;
  /** TRAWL_RETENTION_DAYS; null: off. */
  retentionDays: number | null;
}

/**
 * Pass 1 of a sweep: TaskExpired on each final task whose expiresAt or retention has passed. The read
 * models only propose candidates; the task's own stream decides, and the append is at the revision
 * read, so two sweepers never both expire a task (the loser's append fails and it moves on).
 * Returns the ids expired (with their batches).
 */
export async function expireDueTasks(deps: ExpiryDeps, now: Date, limit: number): Promise<{ taskIds: string[]; batchIds: Set<string> }> {
  const candidates = await deps.readModels.listExpiryCandidates({ now: now.toISOString(), finalBefore: retentionCutoff(now, deps.retentionDays), limit });
  const taskIds: string[] = [];
  const batchIds = new Set<string>();
  const streams = new TaskStreams(deps.eventStore);
  for (const view of candidates) {
    if (!(await expireTask(deps, streams, view.id, now))) continue;
    taskIds.push(view.id);
    if (view.batchId) batchIds.add(view.batchId);
  }
  return { taskIds, batchIds };
}

async function expireTask(deps: ExpiryDeps, streams: TaskStreams, taskId: string, now: Date): Promise<boolean> {
  const recorded = await deps.eventStore.readStream(taskStreamName(taskId));
  const facts = taskExpiryFacts(historyOf(recorded));
  if (facts.expired || recorded.length === 0) return false;
  const decision = decideExpiry({ now, retentionDays: deps.retentionDays, finalAt: facts.finalAt, expiresAt: facts.expiresAt });
  if (!decision.expired) return false;
  const event: TaskEvent = { type: 'TaskExpired', data: { taskId, reason: decision.reason, dueAt: decision.dueAt, expiredAt: now.toISOString() } };
  try {
    await streams.append(taskId, [{ step: retentionSteps.expired, event }], { expectedRevision: recorded.at(-1)!.revision, correlationId: correlationIdOf(recorded, taskId) });
    return true;
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return false; // another sweeper, or the task moved: the next sweep decides again
    throw error;
  }
}

/** A task stream's events with their recording times (other events, e.g. webhook deliveries, left out). */
export function historyOf(recorded: readonly RecordedEvent[]): Array<{ event: TaskEvent; recordedAt: string }> {
  return recorded.flatMap((entry) => {
    const event = toTaskEvent(entry);
    return event ? [{ event, recordedAt: entry.recordedAt.toISOString() }] : [];
  });
}
