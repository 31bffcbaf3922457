import { WrongExpectedRevisionError } from '@trawl/errors';
import { decideCancel, decideRequest, steps, type BatchState } from '@trawl/domain';
import type { TaskStreams } from '@trawl/tasks';

/**
 * Requests the tasks of entries [from, to) of a batch: TaskRequested (with the batchId) on each
 * task's stream, which the relay then turns into a page job like any task's. Task ids are derived
 * from (batch, URL) and each stream must be new, so a release replayed after a crash requests nothing twice.
 */
export async function requestReleasedTasks(tasks: TaskStreams, state: BatchState, from: number, to: number, correlationId: string | undefined, now: Date): Promise<void> {
  const { collect, respectRobots, expiresAt, thumbnails, text, respectOptOuts, reuse } = state.options;
  await Promise.all(
    state.entries.slice(from, to).map(async ({ taskId, url }) => {
      const requested = decideRequest({ taskId, url, collect, respectRobots, now });
      // The tasks of a batch inherit its expiry (retention, ADR 0009) and its thumbnails (ADR 0007).
      const event = { ...requested, data: { ...requested.data, batchId: state.batchId, ...(expiresAt ? { expiresAt } : {}), ...(thumbnails ? { thumbnails } : {}), ...taskChoices({ text, respectOptOuts, reuse }) } } as typeof requested;
      try {
        await tasks.append(taskId, [{ step: steps.requested, event }], { expectedRevision: 'no_stream', correlationId });
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }),
  );
}

/** The batch's text, opt-out and reuse choices as its tasks' TaskRequested holds them: only what differs from a task's default. */
function taskChoices(options: Pick<BatchState['options'], 'text' | 'respectOptOuts' | 'reuse'>) {
  return { ...(options.text ? { text: options.text } : {}), ...(options.respectOptOuts === false ? { respectOptOuts: false } : {}), ...(options.reuse ? { reuse: true } : {}) };
}

/** After a batch's cancel: TaskCancelled on each released task that has not settled (as DELETE /tasks/{id} does). */
export async function cancelUnsettledTasks(tasks: TaskStreams, state: BatchState, now: Date): Promise<void> {
  for (const { taskId } of state.entries.slice(0, state.released)) {
    if (state.settled.has(taskId)) continue;
    await tasks.handle(taskId, (task) => {
      const decision = decideCancel(task, now);
      return decision.kind === 'cancel' ? [{ step: steps.cancelled, event: decision.event }] : [];
    });
  }
}
