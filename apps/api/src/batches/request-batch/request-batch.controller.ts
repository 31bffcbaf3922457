import { Body, Controller, HttpCode, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { TRAWL_CONFIG } from '@trawl/platform';
import type { TrawlConfig } from '@trawl/config';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { TaskCreationRateLimit } from '../../http/access/task-creation-rate-limit.guard';
import { ApiProblem, problems } from '../../http/problem';
import { parseOrThrow } from '../../http/zod-validation';
import { BATCHES_PATH, batchPath } from '../batch-presenter';
import { readBatchLine, type LineFormat } from './batch-line';
import { BatchSpool } from './batch-spool';
import { bodyLines } from './body-lines';
import { requestBatchBody, requestBatchQuery, type BatchRequestOptions } from './request-batch.body';
import { RequestBatchCommand } from './request-batch.command';
import { resolveWebhook } from '../../tasks/request-task/resolve-webhook';
// By path, as libs/webhooks does: @trawl/scraping's index would load sharp and the HTML parsers.
import { NetworkPolicy } from '../../../../../libs/scraping/src/network-policy/network-policy';

const UPLOAD_TYPES: Record<string, LineFormat> = { 'text/plain': 'text', 'application/x-ndjson': 'ndjson', 'application/ndjson': 'ndjson' };

@Controller(BATCHES_PATH)
export class RequestBatchController {
  /** Webhook URLs obey the fetcher's network policy, as a task's do (no SSRF through webhooks). */
  private readonly networkPolicy: NetworkPolicy;

  constructor(
    private readonly commands: CommandBus,
    @Inject(TRAWL_CONFIG) private readonly config: TrawlConfig,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {
    this.networkPolicy = new NetworkPolicy({ allowPrivate: config.env.TRAWL_ALLOW_PRIVATE, egressOnly: config.env.TRAWL_EGRESS_ONLY ?? null });
  }

  /**
   * One 202 for the whole batch: `accepted` distinct URLs became its tasks, `duplicates` were merged,
   * bad lines are listed by line number (the first 1,000; all are counted) without refusing the good
   * ones, unless `strict` asked to refuse the batch. Counts as one request for the rate limit.
   */
  @Post()
  @HttpCode(202)
  @UseGuards(TaskCreationRateLimit)
  async requestBatch(@Req() request: Request, @Body() body: unknown, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const mediaType = (request.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
    const format: LineFormat | undefined = mediaType === 'application/json' ? 'json' : UPLOAD_TYPES[mediaType];
    if (!format) throw problems.unsupportedMediaType('send a JSON body {"urls": [...]}, or a text/plain (one URL a line) or application/x-ndjson ({"url": …} a line) upload');
    const header = request.headers['x-correlation-id'];
    const correlationId = typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
    const spool = await BatchSpool.open(randomUUID());
    try {
      const options = format === 'json' ? await this.readJson(body, spool) : await this.readUpload(request, format, query, spool);
      if (options.strict && spool.rejectedCount > 0) {
        throw problems.invalidRequest(
          `${spool.rejectedCount} line(s) are not valid URLs; with strict, nothing was stored`,
          spool.rejected.map(({ line, reason }) => ({ path: `line ${line}`, message: reason })),
        );
      }
      if (spool.accepted === 0) {
        throw problems.invalidRequest('the batch holds no valid URL', spool.rejected.map(({ line, reason }) => ({ path: `line ${line}`, message: reason })));
      }
      // The task's own check: the batch's webhook (or the server default) passes the network policy, or nothing is stored.
      const webhook = await resolveWebhook(options.webhook, this.config, this.networkPolicy);
      const { createdAt } = await this.commands.execute(new RequestBatchCommand(spool, { ...options, webhook }, correlationId));
      await this.awaitProjection(spool.batchId);
      response.setHeader('Location', batchPath(spool.batchId));
      response.setHeader('X-Correlation-Id', correlationId);
      return {
        id: spool.batchId, status: 'queued', createdAt, accepted: spool.accepted, duplicates: spool.duplicates,
        rejectedCount: spool.rejectedCount, rejected: spool.rejected, links: { self: batchPath(spool.batchId) },
      };
    } finally {
      await spool.dispose();
    }
  }

  /**
   * Waits briefly (TRAWL_ACCEPT_WAIT_MS) for the projector, so that a GET (or the progress stream) right
   * after the 202 finds the batch. The batch is stored already: nothing here may fail the request.
   */
  private async awaitProjection(batchId: string): Promise<void> {
    const deadline = Date.now() + this.config.env.TRAWL_ACCEPT_WAIT_MS;
    while (Date.now() < deadline) {
      if (await this.readModels.getBatch(batchId).catch(() => null)) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async readJson(body: unknown, spool: BatchSpool): Promise<BatchRequestOptions> {
    const input = parseOrThrow(requestBatchBody, body, 'batch request');
    for (const [index, value] of input.urls.entries()) await spool.add(index + 1, readBatchLine(value, 'json'));
    return input;
  }

  /** Streams the body line by line into the spool; past TRAWL_BATCH_MAX_URLS it stops reading and refuses. */
  private async readUpload(request: Request, format: LineFormat, query: Record<string, unknown>, spool: BatchSpool): Promise<BatchRequestOptions> {
    const options = parseOrThrow(requestBatchQuery, query, 'query');
    const max = this.config.env.TRAWL_BATCH_MAX_URLS;
    // Read through a pass-through, so that stopping early leaves the request (and its socket) alone.
    const body = new PassThrough();
    request.pipe(body);
    for await (const line of bodyLines(body)) {
      await spool.add(line.number, readBatchLine(line.text, format));
      if (spool.accepted + spool.duplicates > max) {
        request.unpipe(body);
        request.resume();
        request.res?.set('Connection', 'close');
        throw new ApiProblem(413, 'batch-too-large', 'Content Too Large', `a batch holds at most ${max} URLs (TRAWL_BATCH_MAX_URLS)`);
      }
    }
    return options;
  }
}
