import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { assertBatchNotExpired } from '../../http/gone';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/zod-validation';
import { linkHeader } from '../../tasks/list-tasks/next-page-link';
import { presentTask } from '../../tasks/task-presenter';
import { assertBatchId, batchPath } from '../batch-presenter';

const listBatchTasksQuery = z
  .object({
    status: z.enum(['queued', 'running', 'completed', 'failed', 'cancelled', 'expired']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(512).optional(),
  })
  .strict();

@Controller(batchPath(':id'))
export class ListBatchTasksController {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  /**
   * The batch's released tasks in request order, optionally of one status, a page at a time. URLs the
   * relay has not released yet have no task to list (the batch's counts show them as queued).
   */
  @Get('tasks')
  async listTasks(@Param('id') id: string, @Query() raw: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const query = parseOrThrow(listBatchTasksQuery, raw, 'query');
    const batch = await this.readModels.getBatch(assertBatchId(id));
    if (!batch) throw problems.notFound(`no batch with id ${id}`);
    assertBatchNotExpired(batch);
    const page = await this.readModels.listBatchTasks(id, { status: query.status, limit: query.limit, after: query.cursor });
    const params = new URLSearchParams();
    if (query.status) params.set('status', query.status);
    params.set('limit', String(query.limit));
    if (page.next) params.set('cursor', page.next);
    const next = page.next === null ? null : `${batchPath(id)}/tasks?${params}`;
    const link = linkHeader(next);
    if (link) response.setHeader('Link', link);
    return { items: page.items.map(presentTask), next: page.next, links: { next } };
  }
}
