import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { API_PREFIX, presentTask } from '../task-presenter';
import { GetTaskQuery } from './get-task.query';

@Controller(`${API_PREFIX}/tasks`)
export class GetTaskController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  async getTask(@Param('id') id: string) {
    return presentTask(await this.queries.execute(new GetTaskQuery(id)));
  }
}
