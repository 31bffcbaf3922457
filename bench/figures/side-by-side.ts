import type { BenchContext } from '../context';
import { IMG2DATASET_SETTINGS } from '../peers/img2dataset-runner';
import type { Figure, Target } from '../report';
import { FETCH_CONCURRENCY, describeEnv, pageConcurrencyOf } from '../trawl/bench-env';
import type { BenchTrawl } from '../trawl/embedded';
import type { Submission } from '../trawl/submit';
import { describeThroughput, timeTasks } from '../trawl/throughput';
import { cpuPerUnitFigure } from './cpu-per-unit';

const TIMEOUT_MS = 5 * 60_000;

/** A way to run trawl for a figure: embedded, or distributed with its own fetchers. */
export interface TrawlMode {
  label: string;
  start(ctx: BenchContext): Promise<BenchTrawl>;
}

/**
 * Text pages/s of trawl (`collect: ["text"]`) and of CheerioCrawler at trawl's page concurrency; then the CPU per
 * page of both. The URLs go to trawl one POST each, or in one batch (`submission`, named in the figures).
 */
export async function textFigures(ctx: BenchContext, mode: TrawlMode, target?: Target, submission: Submission = 'per-url'): Promise<Figure[]> {
  const site = await ctx.corpusSite();
  const pageConcurrency = pageConcurrencyOf(FETCH_CONCURRENCY);
  const trawl = await mode.start(ctx);
  let result;
  try {
    result = await timeTasks(trawl, site, site.urls, ['text'], TIMEOUT_MS, {}, submission);
  } finally {
    await trawl.stop();
  }
  const label = submission === 'batch' ? `${mode.label}, one batch` : mode.label;
  console.log(`  trawl ${label}: ${describeThroughput(result)}`);
  site.resetCounts();
  const crawlee = await ctx.crawlee(pageConcurrency);
  const crawleeServed = site.served();
  console.log(
    `  Crawlee CheerioCrawler: ${crawlee.pages} pages (${crawlee.failed} failed) in ${crawlee.seconds.toFixed(1)} s` +
      (crawleeServed.requests > 0 ? `; site served ${crawleeServed.requests} requests (${crawleeServed.notFound} 404${crawleeServed.notFound ? `: ${crawleeServed.notFoundPaths.join(', ')}` : ''}), peak ${crawleeServed.peakConnections} connections open` : ' (measured earlier in this run)'),
  );
  const crawleeCpu = { name: 'Crawlee', cpuSeconds: crawlee.cpuSeconds, units: crawlee.pages, how: 'process.cpuUsage() of its process around crawler.run()' };
  const throughput: Figure = {
    name: `text pages/s, ${label}`,
    unit: 'pages/s',
    trawl: result.counts.completed / result.seconds,
    peer: { name: 'Crawlee CheerioCrawler', value: crawlee.pagesPerSecond },
    target,
    settings:
      `${site.urls.length} URLs of ${site.distinctPages} corpus pages (avg ${(site.averageBytes / 1024).toFixed(0)} KB), ${submission === 'batch' ? 'in one POST /api/v1/batches' : 'one POST each'}; ` +
      `trawl ${describeEnv(trawl.env)} → ${pageConcurrency} page jobs per fetcher; Crawlee maxConcurrency=minConcurrency=${pageConcurrency}, no enqueueLinks, in-memory storage`,
  };
  return [throughput, cpuPerUnitFigure('page', label, trawl, result.cpu, result.counts.completed, crawleeCpu)];
}

/** Images/s of trawl (`collect: ["images"]` on the gallery pages) and of img2dataset on the image URLs; then the CPU per image of both. */
export async function imagesFigures(ctx: BenchContext, mode: TrawlMode, target?: Target): Promise<Figure[]> {
  const site = await ctx.imageSite();
  const trawl = await mode.start(ctx);
  let result;
  try {
    result = await timeTasks(trawl, site, site.pageUrls, ['images'], TIMEOUT_MS);
  } finally {
    await trawl.stop();
  }
  console.log(`  trawl ${mode.label}: ${describeThroughput(result)}; ${result.imagesStored} images stored`);
  site.resetCounts();
  const peer = await ctx.img2dataset();
  if ('missing' in peer) console.log(`  img2dataset: ${peer.missing}`);
  else console.log(`  img2dataset: ${peer.images} images (${peer.failed} failed) in ${peer.seconds.toFixed(1)} s`);
  const peerCpu =
    'missing' in peer
      ? { name: 'img2dataset', missing: peer.missing }
      : peer.cpuSeconds === undefined
        ? { name: 'img2dataset', missing: 'no /usr/bin/time (GNU time) to read its CPU' }
        : { name: 'img2dataset', cpuSeconds: peer.cpuSeconds, units: peer.images, how: 'GNU time (%U + %S) of its whole run, its worker processes included (start-up included, as in its images/s)' };
  const throughput: Figure = {
    name: `images/s, ${mode.label}`,
    unit: 'images/s',
    trawl: result.imagesStored / result.seconds,
    peer: 'missing' in peer ? { name: 'img2dataset', missing: peer.missing } : { name: 'img2dataset', value: peer.imagesPerSecond },
    target,
    settings:
      `${site.pageUrls.length} pages × ${site.imageUrls.length / site.pageUrls.length} distinct PNGs (avg ${(site.averageImageBytes / 1024).toFixed(0)} KB); ` +
      `trawl ${describeEnv(trawl.env)}; img2dataset ${Object.entries(IMG2DATASET_SETTINGS).map(([k, v]) => `${k}=${v}`).join(' ')}`,
  };
  return [throughput, cpuPerUnitFigure('image', mode.label, trawl, result.cpu, result.imagesStored, peerCpu)];
}
