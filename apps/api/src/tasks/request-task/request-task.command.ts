import { Command } from '@nestjs/cqrs';
import type { CollectKind, WebhookOption } from '@trawl/domain';

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
    /** Already resolved (the task's own, or the server default) and checked against the network policy. */
    readonly webhook?: WebhookOption,
    /** Honour the sites' AI opt-outs (TaskRequested.respectOptOuts). */
    readonly respectOptOuts = true,
  ) {
    super();
  }
}
