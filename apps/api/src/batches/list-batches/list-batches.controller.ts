import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { parseOrThrow } from '../../http/zod-validation';
import { linkHeader } from '../../tasks/list-tasks/next-page-link';
import { BATCHES_PATH, presentBatch } from '../batch-presenter';

const listBatchesQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(50), cursor: z.string().max(512).optional() })
  .strict();

@Controller(BATCHES_PATH)
export class ListBatchesController {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  /** Newest first, a page at a time; `links.next` (and `Link: rel="next"`) is the next page, null on the last. */
  @Get()
  async listBatches(@Query() raw: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const query = parseOrThrow(listBatchesQuery, raw, 'query');
    const page = await this.readModels.listBatches({ limit: query.limit, after: query.cursor });
    const next = page.next === null ? null : `${BATCHES_PATH}?${new URLSearchParams({ limit: String(query.limit), cursor: page.next })}`;
    const link = linkHeader(next);
    if (link) response.setHeader('Link', link);
    return { items: page.items.map(presentBatch), next: page.next, links: { next } };
  }
}
