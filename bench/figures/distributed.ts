import { benchEnv } from '../trawl/bench-env';
import { startDistributedBenchTrawl } from '../trawl/distributed';
import type { Bench } from './bench';
import { imagesFigures, textFigures, type TrawlMode } from './side-by-side';

/** api, relay, projector and 2 fetchers on Kafka + FerretDB, each fetcher with the embedded figure's settings. */
export const distributedMode: TrawlMode = {
  label: 'distributed (2 fetchers)',
  start: async (ctx) => {
    const infra = await ctx.infra();
    return startDistributedBenchTrawl(infra, 2, benchEnv());
  },
};

export const distributedBenches: Bench[] = [
  { name: 'text, distributed', run: (ctx) => textFigures(ctx, distributedMode, { on: 'ratio', op: '>=', bound: 1 }) },
  { name: 'images, distributed', run: (ctx) => imagesFigures(ctx, distributedMode) },
  // The way a client with a dataset's URLs submits them: no accept wait per URL, no 500 requests.
  { name: 'text in one batch, distributed', run: (ctx) => textFigures(ctx, distributedMode, undefined, 'batch') },
];
