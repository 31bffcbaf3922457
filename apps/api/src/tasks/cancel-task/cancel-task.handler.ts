import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { decideCancel, steps } from '@trawl/domain';
import { TaskStreams, updateTask } from '@trawl/tasks';
import { problems } from '../../http/problem';
import { CancelTaskCommand } from './cancel-task.command';

@CommandHandler(CancelTaskCommand)
export class CancelTaskHandler implements ICommandHandler<CancelTaskCommand, void> {
  private readonly streams: TaskStreams;

  constructor(@Inject(EVENT_STORE) eventStore: EventStore) {
    this.streams = new TaskStreams(eventStore);
  }

  async execute({ taskId }: CancelTaskCommand): Promise<void> {
    let refusal: Error | null = null;
    await updateTask(this.streams, taskId, {
      decide: (state) => {
        const decision = decideCancel(state, new Date());
        if (decision.kind === 'cancel') return [{ step: steps.cancelled, event: decision.event }];
        refusal = decision.kind === 'not-found'
          ? problems.notFound(`no task with id ${taskId}`)
          : problems.conflict('task-finished', `the task is already ${decision.status} and cannot be cancelled`);
        return [];
      },
    });
    if (refusal) throw refusal;
  }
}
