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

  async execute({ request }: RequestTaskCommand): Promise<RequestTaskResult> {
    const taskId = randomUUID();
    const now = new Date();
    const event = decideRequest({ taskId, url: request.url, collect: request.collect, respectRobots: request.respectRobots ?? true, now });
    if (event.type === 'TaskRequested') {
      if (request.webhook) event.data.webhook = request.webhook;
      if (request.respectOptOuts === false) event.data.respectOptOuts = false;
      if (request.thumbnails) event.data.thumbnails = request.thumbnails;
      if (request.text) event.data.text = request.text;
      if (request.expiresAt) event.data.expiresAt = request.expiresAt;
      if (request.reuse) event.data.reuse = true;
    }
    await this.streams.append(taskId, [{ step: steps.requested, event }], {
      expectedRevision: 'no_stream',
      correlationId: request.correlationId,
    });
    const createdAt = now.toISOString();
    return { taskId, createdAt, view: projectTaskView(null, event, { revision: 0, recordedAt: createdAt })! };
  }
}
