import { Controller, Get, Inject, Query } from '@nestjs/common';
import { z } from 'zod';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { parseOrThrow } from '../../http/zod-validation';
import { API_PREFIX, presentTask } from '../task-presenter';

export const listTasksQuery = z
  .object({
    status: z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(512).optional(),
  })
  .strict();

@Controller(`${API_PREFIX}/tasks`)
export class ListTasksController {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  /** Newest first, a page at a time; `next` is the cursor of the following page. */
  @Get()
  async listTasks(@Query() raw: Record<string, unknown>) {
    const query = parseOrThrow(listTasksQuery, raw, 'query');
    const page = await this.readModels.listTasks({ status: query.status, limit: query.limit, after: query.cursor });
    return { items: page.items.map(presentTask), next: page.next };
  }
}
