import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { z } from 'zod';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { parseOrThrow } from '../../http/zod-validation';
import { GetTaskQuery } from '../get-task/get-task.query';
import { linkHeader } from '../list-tasks/next-page-link';
import { API_PREFIX, presentImage } from '../task-presenter';
import { TRAWL_CONFIG } from '@trawl/platform';
import type { TrawlConfig } from '@trawl/config';
import { flagNearDuplicates } from './near-duplicates';
import { nextImagesPageUrl } from './next-images-page';

/** `links.next` keeps the listing's own near-duplicate choice. */
function withNearDuplicatesParam(next: string | null, mode: 'flag' | 'exclude'): string | null {
  return next && mode === 'exclude' ? `${next}&nearDuplicates=exclude` : next;
}

export const listImagesQuery = z
  .object({
    status: z.enum(['pending', 'stored', 'failed']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(512).optional(),
    nearDuplicates: z.enum(['flag', 'exclude']).default('flag'),
  })
  .strict();

@Controller(`${API_PREFIX}/tasks`)
export class ListTaskImagesController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(TRAWL_CONFIG) private readonly config: TrawlConfig,
  ) {}

  /**
   * The task's images in document order, each with its outcome; `url` downloads a stored one.
   * `links.next` (and the `Link: <…>; rel="next"` header) is the URL of the following page, null on
   * the last; `next` is its bare cursor, kept for clients that read it.
   */
  @Get(':id/images')
  async listImages(@Param('id') id: string, @Query() raw: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const query = parseOrThrow(listImagesQuery, raw, 'query');
    const task = await this.queries.execute(new GetTaskQuery(id));
    const page = await this.readModels.listImages(task.id, { status: query.status, limit: query.limit, after: query.cursor });
    const next = withNearDuplicatesParam(nextImagesPageUrl(task.id, query, page.next), query.nearDuplicates);
    const link = linkHeader(next);
    if (link) response.setHeader('Link', link);
    const nearDuplicates = { threshold: this.config.env.TRAWL_NEAR_DUPLICATE_DISTANCE, exclude: query.nearDuplicates === 'exclude' };
    const items = (await flagNearDuplicates(this.readModels, task.id, page.items, nearDuplicates)).map(({ image, nearDuplicateOf }) => ({ ...presentImage(image), nearDuplicateOf }));
    return { items, next: page.next, links: { next } };
  }
}
