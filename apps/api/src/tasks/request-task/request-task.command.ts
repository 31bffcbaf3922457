import type { TaskView } from '@trawl/read-models';
import { Command } from '@nestjs/cqrs';
import type { CollectKind, ThumbnailOption, WebhookOption } from '@trawl/domain';

export interface RequestTaskResult {
  taskId: string;
  createdAt: string;
  /** The task as the projector first shows it (from TaskRequested): the 202's body when the read model has not caught up. */
  view: TaskView;
}

export class RequestTaskCommand extends Command<RequestTaskResult> {
  constructor(
    readonly url: string,
    readonly collect: CollectKind[],
    readonly correlationId: string,
    readonly respectRobots = true,
    /** Already resolved (the task's own, or the server default) and checked against the network policy. */
    readonly webhook?: WebhookOption,
    /** How the text is cut; absent: full text, plain. */
    readonly text?: { mode: 'full' | 'main'; format: 'text' | 'markdown' },
    /** Honour the sites' AI opt-outs (TaskRequested.respectOptOuts). */
    readonly respectOptOuts = true,
    /** Thumbnails made as each image is stored (TaskRequested.thumbnails): widths, or {width, format, quality}. */
    readonly thumbnails?: ThumbnailOption[],
    /** When the task's data may be removed (TaskRequested.expiresAt), checked and in UTC. */
    readonly expiresAt?: string,
    /** Record the page from an earlier task's download of the URL (TaskRequested.reuse, ADR 0012). */
    readonly reuse = false,
  ) {
    super();
  }
}
