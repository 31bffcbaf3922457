import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { parseOrThrow } from '../../http/zod-validation';
import { API_PREFIX, presentTask } from '../task-presenter';
import { linkHeader, nextPageUrl } from './next-page-link';

export const listTasksQuery = z
  .object({
    status: z.enum(['queued', 'running', 'completed', 'failed', 'cancelled', 'expired']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(512).optional(),
  })
  .strict();

@Controller(`${API_PREFIX}/tasks`)
export class ListTasksController {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  /**
   * Newest first, a page at a time. `links.next` (and the `Link: <…>; rel="next"` header) is the URL of
   * the following page, null on the last; `next` is its bare cursor, kept for clients that read it.
   */
  @Get()
  async listTasks(@Query() raw: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const query = parseOrThrow(listTasksQuery, raw, 'query');
    const page = await this.readModels.listTasks({ status: query.status, limit: query.limit, after: query.cursor });
    const next = nextPageUrl(query, page.next);
    const link = linkHeader(next);
    if (link) response.setHeader('Link', link);
    return { items: page.items.map(presentTask), next: page.next, links: { next } };
  }
}
