import { decideRequeue, steps, type RequeueDecision } from '@trawl/domain';
import { TaskStreams, correlationIdOf, updateTask } from '@trawl/tasks';
import type { CliCommand } from '../cli-command';

/**
 * `requeue <taskId>`: sends a failed task back to the queue as a new run (ADR 0005). The decision is
 * taken on the freshest state at the stream's revision, so two operators requeueing at once start one
 * run; the second is told the task is no longer failed.
 */
export const requeueCommand: CliCommand = {
  summary: 'run a failed task again as a new run: requeue <taskId>',
  async run({ eventStore }, [taskId], print) {
    if (!taskId) {
      print('usage: trawl requeue <taskId>');
      return 2;
    }
    const streams = new TaskStreams(eventStore);
    const { events } = await streams.load(taskId);
    let decision: RequeueDecision = { kind: 'not-found' };
    await updateTask(streams, taskId, {
      correlationId: correlationIdOf(events, taskId),
      decide: (state) => {
        decision = decideRequeue(state, new Date());
        return decision.kind === 'requeue' ? [{ step: steps.requeued, event: decision.event }] : [];
      },
    });
    return report(taskId, decision, print);
  },
};

function report(taskId: string, decision: RequeueDecision, print: (line: string) => void): number {
  switch (decision.kind) {
    case 'not-found':
      print(`task ${taskId} not found`);
      return 1;
    case 'not-failed':
      print(`task ${taskId} is ${decision.status}: only a failed task can be requeued`);
      return 1;
    case 'requeue':
      print(`task ${taskId} requeued: run ${decision.event.data.run} is queued`);
      return 0;
  }
}
