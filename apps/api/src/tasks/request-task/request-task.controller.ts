import { Body, Controller, Headers, HttpCode, Inject, Post, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { TRAWL_CONFIG } from '@trawl/platform';
import type { TrawlConfig } from '@trawl/config';
import { READ_MODEL_STORE, type ReadModelStore, type TaskView } from '@trawl/read-models';
import { TaskCreationRateLimit } from '../../http/access/task-creation-rate-limit.guard';
import { isJsonContentType } from '../../http/json-body';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/zod-validation';
import { API_PREFIX, presentTask, taskPath } from '../task-presenter';
import { requestTaskBody } from './request-task.body';
import { resolveWebhook } from './resolve-webhook';
// By path, as libs/webhooks does: @trawl/scraping's index would load sharp and the HTML parsers.
import { NetworkPolicy } from '../../../../../libs/scraping/src/network-policy/network-policy';
import { RequestTaskCommand } from './request-task.command';

/**
 * The projector usually has the task within a few milliseconds (embedded, it wakes on the append):
 * look again soon, then less often. A fixed 20 ms made every 202 wait 20 ms or more (issue 9). A
 * projector behind a burst (distributed, on MongoDB) is looked for every 250 ms at most: at 20 ms, 500
 * POSTs waiting out TRAWL_ACCEPT_WAIT_MS made ~50,000 reads of a read model already busy.
 */
const READ_MODEL_POLL_MS = { first: 2, max: 250 };

@Controller(`${API_PREFIX}/tasks`)
export class RequestTaskController {
  /** Webhook URLs obey the fetcher's network policy (no SSRF through webhooks). */
  private readonly networkPolicy: NetworkPolicy;

  constructor(
    private readonly commands: CommandBus,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(TRAWL_CONFIG) private readonly config: TrawlConfig,
  ) {
    this.networkPolicy = new NetworkPolicy({ allowPrivate: config.env.TRAWL_ALLOW_PRIVATE, egressOnly: config.env.TRAWL_EGRESS_ONLY ?? null });
  }

  /**
   * 202 as soon as TaskRequested is stored. It waits briefly (TRAWL_ACCEPT_WAIT_MS) for the projector,
   * so that a GET right after the POST finds the task; it never waits for the page itself.
   */
  @Post()
  @HttpCode(202)
  @UseGuards(TaskCreationRateLimit)
  async requestTask(@Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Headers('x-correlation-id') correlation: string | undefined, @Res({ passthrough: true }) response: Response) {
    if (!isJsonContentType(contentType)) {
      throw problems.unsupportedMediaType('send the request as application/json');
    }
    const input = parseOrThrow(requestTaskBody, body, 'task request');
    const webhook = await resolveWebhook(input.webhook, this.config, this.networkPolicy);
    const correlationId = correlation && /^[\w.:-]{1,128}$/.test(correlation) ? correlation : randomUUID();
    const { url, collect, respectRobots, text, respectOptOuts, thumbnails, expiresAt, reuse } = input;
    const request = { url, collect, correlationId, respectRobots, webhook, text, respectOptOuts, thumbnails, expiresAt, reuse };
    const { taskId, view: requested } = await this.commands.execute(new RequestTaskCommand(request));
    response.setHeader('Location', taskPath(taskId));
    response.setHeader('X-Correlation-Id', correlationId);
    const view = (await this.awaitProjection(taskId)) ?? requested;
    return presentTask(view);
  }

  /**
   * The task is already stored when this runs, so nothing here may fail the request: a read model that
   * is slow or down only means the answer is built from the command's own data (a client that saw an
   * error would retry and create a duplicate task).
   */
  private async awaitProjection(taskId: string): Promise<TaskView | null> {
    const deadline = Date.now() + this.config.env.TRAWL_ACCEPT_WAIT_MS;
    for (let pause = READ_MODEL_POLL_MS.first; ; pause = Math.min(pause * 2, READ_MODEL_POLL_MS.max)) {
      const remaining = deadline - Date.now();
      const view = remaining > 0 ? await withinMs(this.readModels.getTask(taskId), remaining).catch(() => null) : null;
      if (view || Date.now() >= deadline) return view;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** The value of `promise`, or null once `ms` have passed (the promise is left to settle on its own). */
async function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
