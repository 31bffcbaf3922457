import { Body, Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { TRAWL_CONFIG } from '@trawl/platform';
import type { TrawlConfig } from '@trawl/config';
import { READ_MODEL_STORE, type ReadModelStore, type TaskView } from '@trawl/read-models';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/zod-validation';
import { API_PREFIX, presentTask, taskPath } from '../task-presenter';
import { requestTaskBody } from './request-task.body';
import { RequestTaskCommand } from './request-task.command';

const READ_MODEL_POLL_MS = 20;

@Controller(`${API_PREFIX}/tasks`)
export class RequestTaskController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(TRAWL_CONFIG) private readonly config: TrawlConfig,
  ) {}

  /**
   * 202 as soon as TaskRequested is stored. It waits briefly (TRAWL_ACCEPT_WAIT_MS) for the projector,
   * so that a GET right after the POST finds the task; it never waits for the page itself.
   */
  @Post()
  @HttpCode(202)
  async requestTask(@Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Headers('x-correlation-id') correlation: string | undefined, @Res({ passthrough: true }) response: Response) {
    if (!contentType?.toLowerCase().startsWith('application/json')) {
      throw problems.unsupportedMediaType('send the request as application/json');
    }
    const input = parseOrThrow(requestTaskBody, body, 'task request');
    const correlationId = correlation && /^[\w.:-]{1,128}$/.test(correlation) ? correlation : randomUUID();
    const { taskId, createdAt } = await this.commands.execute(new RequestTaskCommand(input.url, input.collect, correlationId));
    response.setHeader('Location', taskPath(taskId));
    response.setHeader('X-Correlation-Id', correlationId);
    const view = (await this.awaitProjection(taskId)) ?? queuedView(taskId, input.url, input.collect, createdAt);
    return presentTask(view);
  }

  private async awaitProjection(taskId: string): Promise<TaskView | null> {
    const deadline = Date.now() + this.config.env.TRAWL_ACCEPT_WAIT_MS;
    for (;;) {
      const view = await this.readModels.getTask(taskId);
      if (view || Date.now() >= deadline) return view;
      await new Promise((resolve) => setTimeout(resolve, READ_MODEL_POLL_MS));
    }
  }
}

function queuedView(id: string, url: string, collect: TaskView['collect'], createdAt: string): TaskView {
  return {
    id, url, collect, status: 'queued', progress: { imagesFound: 0, imagesStored: 0, imagesFailed: 0 },
    error: null, page: null, text: null, createdAt, updatedAt: createdAt, revision: 0,
  };
}
