import type { TaskView } from '@trawl/read-models';
import { Command } from '@nestjs/cqrs';
import type { CollectKind, ThumbnailOption, WebhookOption } from '@trawl/domain';

export interface RequestTaskResult {
  taskId: string;
  createdAt: string;
  /** The task as the projector first shows it (from TaskRequested): the 202's body when the read model has not caught up. */
  view: TaskView;
}

/** What a task asks for, as TaskRequested will record it. */
export interface TaskRequestOptions {
  url: string;
  collect: CollectKind[];
  correlationId: string;
  /** Default true: a crawler honours robots.txt unless told otherwise. */
  respectRobots?: boolean;
  /** Already resolved (the task's own, or the server default) and checked against the network policy. */
  webhook?: WebhookOption;
  /** How the text is cut; absent: full text, plain. */
  text?: { mode: 'full' | 'main'; format: 'text' | 'markdown' };
  /** Honour the sites' AI opt-outs (TaskRequested.respectOptOuts); default true. */
  respectOptOuts?: boolean;
  /** Thumbnails made as each image is stored (TaskRequested.thumbnails): widths, or {width, format, quality}. */
  thumbnails?: ThumbnailOption[];
  /** When the task's data may be removed (TaskRequested.expiresAt), checked and in UTC. */
  expiresAt?: string;
  /** Record the page from an earlier task's download of the URL (TaskRequested.reuse, ADR 0012); default false. */
  reuse?: boolean;
}

export class RequestTaskCommand extends Command<RequestTaskResult> {
  constructor(readonly request: TaskRequestOptions) {
    super();
  }
}
