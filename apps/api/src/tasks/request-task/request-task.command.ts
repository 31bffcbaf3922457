import { Command } from '@nestjs/cqrs';
import type { CollectKind } from '@trawl/domain';

export interface RequestTaskResult {
  taskId: string;
  createdAt: string;
}

export class RequestTaskCommand extends Command<RequestTaskResult> {
  constructor(
    readonly url: string,
    readonly collect: CollectKind[],
    readonly correlationId: string,
    readonly respectRobots = true,
  ) {
    super();
  }
}
