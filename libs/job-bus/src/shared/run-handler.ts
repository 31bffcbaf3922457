import type { Job, JobContext } from '../job-bus.port';

/**
 * What became of one handler call. A handler that rejects after its signal was aborted is
 * handing the job back (the consumer is stopping or lost the job), which is not a failure:
 * it must neither count as an attempt nor be retried, only be left uncommitted.
 */
export type HandlerOutcome =
  | { kind: 'done' }
  | { kind: 'handed-back' }
  | { kind: 'failed'; error: unknown };

export async function runHandler<Payload>(
  handler: (job: Job<Payload>, context: JobContext) => Promise<void>,
  job: Job<Payload>,
  context: JobContext,
): Promise<HandlerOutcome> {
  try {
    await handler(job, context);
    return { kind: 'done' };
  } catch (error) {
    return context.signal.aborted ? { kind: 'handed-back' } : { kind: 'failed', error };
  }
}
