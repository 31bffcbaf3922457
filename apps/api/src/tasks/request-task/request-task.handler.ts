import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { decideRequest, steps } from '@trawl/domain';
import { TaskStreams, projectTaskView } from '@trawl/tasks';
import { RequestTaskCommand, type RequestTaskResult } from './request-task.command';

/** Appends TaskRequested to a new task stream. It never talks to the job bus: the relay does. */
@CommandHandler(RequestTaskCommand)
export class RequestTaskHandler implements ICommandHandler<RequestTaskCommand, RequestTaskResult> {
  private readonly streams: TaskStreams;

  constructor(@Inject(EVENT_STORE) eventStore: EventStore) {
    this.streams = new TaskStreams(eventStore);
  }

  async execute(command: RequestTaskCommand): Promise<RequestTaskResult> {
    const taskId = randomUUID();
    const now = new Date();
    const event = decideRequest({ taskId, url: command.url, collect: command.collect, respectRobots: command.respectRobots, now });
    if (command.webhook && event.type === 'TaskRequested') event.data.webhook = command.webhook;
    if (!command.respectOptOuts && event.type === 'TaskRequested') event.data.respectOptOuts = false;
    if (command.thumbnails && event.type === 'TaskRequested') event.data.thumbnails = command.thumbnails;
    if (command.text && event.type === 'TaskRequested') event.data.text = command.text;
    if (command.expiresAt && event.type === 'TaskRequested') event.data.expiresAt = command.expiresAt;
    if (command.reuse && event.type === 'TaskRequested') event.data.reuse = true;
    await this.streams.append(taskId, [{ step: steps.requested, event }], {
      expectedRevision: 'no_stream',
      correlationId: command.correlationId,
    });
    const createdAt = now.toISOString();
    return { taskId, createdAt, view: projectTaskView(null, event, { revision: 0, recordedAt: createdAt })! };
  }
}
