import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { parseOrThrow } from '../../http/zod-validation';
import { GetTaskQuery } from '../get-task/get-task.query';
import { API_PREFIX, presentImage } from '../task-presenter';

export const listImagesQuery = z
  .object({
    status: z.enum(['pending', 'stored', 'failed']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(512).optional(),
  })
  .strict();

@Controller(`${API_PREFIX}/tasks`)
export class ListTaskImagesController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  /** The task's images in document order, each with its outcome; `url` downloads a stored one. */
  @Get(':id/images')
  async listImages(@Param('id') id: string, @Query() raw: Record<string, unknown>) {
    const query = parseOrThrow(listImagesQuery, raw, 'query');
    await this.queries.execute(new GetTaskQuery(id));
    const page = await this.readModels.listImages(id, { status: query.status, limit: query.limit, after: query.cursor });
    return { items: page.items.map(presentImage), next: page.next };
  }
}
