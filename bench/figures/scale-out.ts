import type { BenchContext } from '../context';
import type { Figure } from '../report';
import { startImageSite } from '../sites/image-site';
import { benchEnv } from '../trawl/bench-env';
import { startDistributedBenchTrawl } from '../trawl/distributed';
import { describeThroughput, timeTasks } from '../trawl/throughput';
import type { Bench } from './bench';

const DELAY_MS = 500;
const PER_FETCHER = 4;
const PAGES = 4;
const PER_PAGE = 20;
const TIMEOUT_MS = 3 * 60_000;

/**
 * Images/s on a latency-bound site (every response 500 ms late) with 1, 2 and 4 fetcher processes on Kafka,
 * each fetcher handling 4 jobs at once: neither the CPU nor the site is the limit, only how the work spreads.
 */
async function measure(ctx: BenchContext): Promise<Figure[]> {
  const infra = await ctx.infra();
  const site = await startImageSite({ pages: PAGES, perPage: PER_PAGE, delayMs: DELAY_MS });
  const rates = new Map<number, number>();
  try {
    for (const fetchers of [1, 2, 4]) {
      const trawl = await startDistributedBenchTrawl(infra, fetchers, benchEnv({ TRAWL_FETCH_CONCURRENCY: String(PER_FETCHER) }));
      try {
        const result = await timeTasks(trawl, site, site.pageUrls, ['images'], TIMEOUT_MS);
        console.log(`  ${fetchers} fetcher(s): ${describeThroughput(result)}; ${result.imagesStored} images stored`);
        rates.set(fetchers, result.imagesStored / result.seconds);
      } finally {
        await trawl.stop();
      }
    }
  } finally {
    await site.close();
  }
  const settings =
    `${PAGES} pages × ${PER_PAGE} PNGs, every response delayed ${DELAY_MS} ms; distributed on Kafka + FerretDB, ` +
    `TRAWL_FETCH_CONCURRENCY=${PER_FETCHER} per fetcher; completion read from the event store`;
  const one = { name: 'trawl, 1 fetcher', value: rates.get(1)! };
  return [
    { name: 'scale-out images/s, 2 fetchers vs 1', unit: 'images/s', trawl: rates.get(2)!, peer: one, settings },
    { name: 'scale-out images/s, 4 fetchers vs 1', unit: 'images/s', trawl: rates.get(4)!, peer: one, target: { on: 'ratio', op: '>=', bound: 3 }, settings },
  ];
}

export const scaleOutBench: Bench = { name: 'scale-out, distributed', run: (ctx) => measure(ctx) };
