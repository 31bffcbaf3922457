import type { BenchContext } from '../context';
import type { Figure } from '../report';
import { startImageSite } from '../sites/image-site';
import { benchEnv } from '../trawl/bench-env';
import { startDistributedBenchTrawl } from '../trawl/distributed';
import { describeJobCounts, fetcherJobCounts } from '../trawl/fetcher-job-counts';
import { describeThroughput, timeTasks } from '../trawl/throughput';
import type { Bench } from './bench';

const DELAY_MS = 500;
const PER_FETCHER = 4;
/**
 * 640 images: at 4 × 2 images/s per fetcher, the 4-fetcher run lasts ~25 s. With 320 (~14 s) what does not
 * scale weighed a quarter of it: each fetcher's first page (its tdmrep.json, then the page: 1-1.5 s before
 * any image job exists) and the uneven spread of the URLs over the fetchers (jobs follow their URL's host
 * shard, so that one fetcher holds every job of a URL: the busiest of four got 85-91 of 320, not 80).
 * Those runs gave 2.97-3.05x; a dataset is thousands of images.
 */
const PAGES = 16;
const PER_PAGE = 40;
const TIMEOUT_MS = 4 * 60_000;
/**
 * Blobs and read models in the deployment's shared data dir (files, SQLite) instead of GridFS and FerretDB:
 * this figure is about how Kafka spreads the work over fetchers, and on this 2-core machine FerretDB alone
 * burnt half the CPU of a run (10 of 21 CPU-seconds for 80 images), so the figure measured the CPU, not
 * the spread. Jobs still go through Kafka, one process per role, completion read from the event store.
 */
const SHARED_DATA_DIR = { TRAWL_BLOB_STORE: 'file', MONGO_URL: '' };

/**
 * Images/s on a latency-bound site (every response 500 ms late) with 1, 2 and 4 fetcher processes on Kafka,
 * each fetcher handling 4 jobs at once: neither the site nor (as far as this machine allows) the CPU is the
 * limit, only how the work spreads. The site is one host: the fetchers share it through host shards. The
 * site's peak of open connections (4 per fetcher at most) shows whether every fetcher took part.
 */
async function measure(ctx: BenchContext): Promise<Figure[]> {
  const infra = await ctx.infra();
  const site = await startImageSite({ pages: PAGES, perPage: PER_PAGE, delayMs: DELAY_MS });
  const rates = new Map<number, number>();
  try {
    for (const fetchers of [1, 2, 4]) {
      const trawl = await startDistributedBenchTrawl(infra, fetchers, benchEnv({ TRAWL_FETCH_CONCURRENCY: String(PER_FETCHER), ...SHARED_DATA_DIR }));
      try {
        const result = await timeTasks(trawl, site, site.pageUrls, ['images'], TIMEOUT_MS);
        console.log(`  ${fetchers} fetcher(s): ${describeThroughput(result)}; ${result.imagesStored} images stored`);
        const { firstRequest, lastAnswer } = result.served.timeline;
        console.log(`    image jobs per fetcher: ${describeJobCounts(await fetcherJobCounts(trawl.processes, 'image'))}; site's first request ${firstRequest?.toFixed(1)} s, last answer ${lastAnswer?.toFixed(1)} s after the POSTs began`);
        rates.set(fetchers, result.imagesStored / result.seconds);
      } finally {
        await trawl.stop();
      }
    }
  } finally {
    await site.close();
  }
  const settings =
    `${PAGES} pages × ${PER_PAGE} PNGs of one host, every response delayed ${DELAY_MS} ms; distributed on Kafka (12 partitions, ` +
    `host shards: TRAWL_HOST_SHARDS default, ADR 0010), blobs and read models in the shared data dir; ` +
    `TRAWL_FETCH_CONCURRENCY=${PER_FETCHER} per fetcher; completion read from the event store`;
  const one = { name: 'trawl, 1 fetcher', value: rates.get(1)! };
  return [
    { name: 'scale-out images/s, 2 fetchers vs 1', unit: 'images/s', trawl: rates.get(2)!, peer: one, settings },
    { name: 'scale-out images/s, 4 fetchers vs 1', unit: 'images/s', trawl: rates.get(4)!, peer: one, target: { on: 'ratio', op: '>=', bound: 3 }, settings },
  ];
}

export const scaleOutBench: Bench = { name: 'scale-out, distributed', run: (ctx) => measure(ctx) };
