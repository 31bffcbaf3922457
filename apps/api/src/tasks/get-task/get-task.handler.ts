import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { taskStreamName, toTaskEvent } from '@trawl/domain';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { READ_MODEL_STORE, type ReadModelStore, type TaskView } from '@trawl/read-models';
import { projectTaskView } from '@trawl/tasks';
import { assertTaskNotExpired } from '../../http/gone';
import { problems } from '../../http/problem';
import { assertTaskId } from '../task-ids';
import { GetTaskQuery } from './get-task.query';

@QueryHandler(GetTaskQuery)
export class GetTaskHandler implements IQueryHandler<GetTaskQuery, TaskView> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  async execute({ taskId }: GetTaskQuery): Promise<TaskView> {
    const id = assertTaskId(taskId);
    const view = (await this.readModels.getTask(id)) ?? (await this.requestedView(id));
    if (!view) throw problems.notFound(`no task with id ${taskId}`);
    return assertTaskNotExpired(view);
  }

  /**
   * A task the projector has not shown yet (it trails the event store, by seconds when it is behind a
   * burst on MongoDB) is still the client's, who holds its id from the 202: it is answered from its
   * TaskRequested as the projector will first show it (queued, revision 0), as a read model that
   * far behind would. Read your writes, without the POST waiting for the projector.
   */
  private async requestedView(taskId: string): Promise<TaskView | null> {
    const [first] = await this.eventStore.readStream(taskStreamName(taskId), { maxCount: 1 });
    const event = first ? toTaskEvent(first) : null;
    if (!first || event?.type !== 'TaskRequested') return null;
    return projectTaskView(null, event, { revision: Number(first.revision), recordedAt: first.recordedAt.toISOString() });
  }
}
