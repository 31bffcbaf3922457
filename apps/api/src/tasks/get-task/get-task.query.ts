import { Query } from '@nestjs/cqrs';
import type { TaskView } from '@trawl/read-models';

export class GetTaskQuery extends Query<TaskView> {
  constructor(readonly taskId: string) {
    super();
  }
}
