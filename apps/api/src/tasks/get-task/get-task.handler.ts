import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { READ_MODEL_STORE, type ReadModelStore, type TaskView } from '@trawl/read-models';
import { assertTaskNotExpired } from '../../http/gone';
import { problems } from '../../http/problem';
import { assertTaskId } from '../task-ids';
import { GetTaskQuery } from './get-task.query';

@QueryHandler(GetTaskQuery)
export class GetTaskHandler implements IQueryHandler<GetTaskQuery, TaskView> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async execute({ taskId }: GetTaskQuery): Promise<TaskView> {
    const view = await this.readModels.getTask(assertTaskId(taskId));
    if (!view) throw problems.notFound(`no task with id ${taskId}`);
    return assertTaskNotExpired(view);
  }
}
