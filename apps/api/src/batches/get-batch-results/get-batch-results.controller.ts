import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { once } from 'node:events';
import { z } from 'zod';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { BatchStreams } from '@trawl/domain';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import type { TrawlConfig } from '@trawl/config';
import { TRAWL_CONFIG } from '@trawl/platform';
import { assertBatchNotExpired } from '../../http/gone';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/zod-validation';
import { assertBatchId, batchPath } from '../batch-presenter';
import { batchResults, type BatchResult } from './batch-results';

const resultsQuery = z
  .object({
    format: z.enum(['ndjson', 'json']).default('ndjson'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.string().regex(/^\d{1,9}$/, 'must be a cursor from links.next').optional(),
    nearDuplicates: z.enum(['flag', 'exclude']).optional(),
  })
  .strict();

@Controller(batchPath(':id'))
export class GetBatchResultsController {
  private readonly streams: BatchStreams;
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(TRAWL_CONFIG) private readonly config: TrawlConfig,
  ) {
    this.streams = new BatchStreams(eventStore);
  }

  /**
   * Each URL of the batch with its status, text link and stored images: NDJSON, one line per URL,
   * streamed (in submission order); or `?format=json`, a page at a time with `links.next`. With
   * `?nearDuplicates=flag`, each image says which earlier image of the batch it nearly duplicates
   * (`exclude` leaves those out).
   */
  @Get('results')
  async results(@Param('id') id: string, @Query() raw: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    const query = parseOrThrow(resultsQuery, raw, 'query');
    const batch = await this.readModels.getBatch(assertBatchId(id));
    if (!batch) throw problems.notFound(`no batch with id ${id}`);
    assertBatchNotExpired(batch);
    const from = Number(query.cursor ?? 0);
    const nearDuplicates = query.nearDuplicates ? { threshold: this.config.env.TRAWL_NEAR_DUPLICATE_DISTANCE, exclude: query.nearDuplicates === 'exclude' } : undefined;
    if (query.format === 'json') {
      const items: BatchResult[] = [];
      let more = false;
      // One more than the page: whether there is a next page, without reading the chunk's rest.
      for await (const result of batchResults(this.streams, this.readModels, batch, from, nearDuplicates, query.limit + 1)) {
        if (items.length === query.limit) {
          more = true;
          break;
        }
        items.push(result);
      }
      const keep = query.nearDuplicates ? `&nearDuplicates=${query.nearDuplicates}` : '';
      const next = more ? `${batchPath(id)}/results?format=json&limit=${query.limit}&cursor=${from + items.length}${keep}` : null;
      response.json({ items, links: { next } });
      return;
    }
    response.status(200).set('Content-Type', 'application/x-ndjson; charset=utf-8');
    for await (const result of batchResults(this.streams, this.readModels, batch, from, nearDuplicates)) {
      if (request.destroyed) break;
      if (!response.write(`${JSON.stringify(result)}\n`)) await Promise.race([once(response, 'drain'), once(response, 'close')]);
    }
    response.end();
  }
}
