import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { BenchContext } from '../context';
import { IMG2DATASET_SETTINGS, runImg2dataset } from '../peers/img2dataset-runner';
import type { Figure } from '../report';
import { benchEnv, describeEnv } from '../trawl/bench-env';
import { startEmbeddedBenchTrawl } from '../trawl/embedded';
import { describeThroughput, timeTasks } from '../trawl/throughput';
import type { Bench } from './bench';

// Generous: on a shared 2-core machine under load the 2,000 images have taken over 5 minutes.
const TIMEOUT_MS = 10 * 60_000;
const WIDTH = 256;
const FORMAT = 'webp';
/** Both sides encode at this quality (img2dataset's default is 95; trawl's WebP default is 80). */
const QUALITY = 80;
/** What each trawl task asks for: the same thumbnail img2dataset makes (ADR 0007). */
const THUMBNAIL = { width: WIDTH, format: FORMAT, quality: QUALITY };

/**
 * img2dataset resizing and re-encoding as it downloads, at the images figure's concurrency. Its default
 * `resize_only_if_bigger=False` would enlarge the 128 px bench images to 256 px (4× the pixels to encode);
 * trawl never enlarges, so both make thumbnails of the size the source has.
 */
const IMG2DATASET_THUMBNAIL_SETTINGS: Record<string, string> = {
  ...IMG2DATASET_SETTINGS,
  image_size: String(WIDTH),
  resize_mode: 'keep_ratio',
  resize_only_if_bigger: 'True',
  encode_format: FORMAT,
  encode_quality: String(QUALITY),
  disable_all_reencoding: 'False',
};

/** Thumbnails recorded in the ImageStored events of an embedded data dir, by content type. */
function thumbnailsInEventStore(dataDir: string): { total: number; byType: Record<string, number> } {
  const db = new DatabaseSync(join(dataDir, 'events.sqlite'), { readOnly: true });
  try {
    const rows = db
      .prepare(
        `SELECT json_extract(t.value, '$.contentType') AS content_type, COUNT(*) AS n
           FROM events e, json_each(e.data, '$.thumbnails') AS t
          WHERE e.type = 'ImageStored' GROUP BY content_type`,
      )
      .all() as { content_type: string; n: number }[];
    const byType = Object.fromEntries(rows.map((row) => [row.content_type, Number(row.n)]));
    return { total: rows.reduce((sum, row) => sum + Number(row.n), 0), byType };
  } finally {
    db.close();
  }
}

/**
 * Thumbnails/s: trawl embedded with `thumbnails: [{width: 256, format: "webp", quality: 80}]` on the gallery
 * pages (made as each image is stored, ADR 0007), timed from the first POST until every task is final;
 * img2dataset with resize to 256 px webp at the same quality on the same images.
 */
async function thumbnailsFigure(ctx: BenchContext): Promise<Figure> {
  const site = await ctx.imageSite();
  const trawl = await startEmbeddedBenchTrawl(benchEnv());
  let result;
  let thumbnails;
  try {
    result = await timeTasks(trawl, site, site.pageUrls, ['images'], TIMEOUT_MS, { thumbnails: [THUMBNAIL] });
    thumbnails = thumbnailsInEventStore(trawl.env.TRAWL_DATA_DIR);
  } finally {
    await trawl.stop();
  }
  const types = Object.entries(thumbnails.byType).map(([type, n]) => `${n} ${type}`).join(', ') || 'none';
  // Only the asked-for format counts: a thumbnail of another type would not be the thing img2dataset makes.
  const made = thumbnails.byType[`image/${FORMAT}`] ?? 0;
  if (made !== thumbnails.total) console.log(`  trawl embedded: ${thumbnails.total - made} thumbnails not ${FORMAT} (${types}), left out of the figure`);
  console.log(`  trawl embedded: ${describeThroughput(result)}; ${result.imagesStored} images stored, ${thumbnails.total} thumbnails (${types})`);
  site.resetCounts();
  const peer = await runImg2dataset(site.imageUrls, IMG2DATASET_THUMBNAIL_SETTINGS);
  if ('missing' in peer) console.log(`  img2dataset: ${peer.missing}`);
  else console.log(`  img2dataset: ${peer.images} thumbnails (${peer.failed} failed) in ${peer.seconds.toFixed(1)} s`);
  return {
    name: `thumbnails/s (${WIDTH} px, ${FORMAT} q${QUALITY}), embedded`,
    unit: 'thumbnails/s',
    trawl: made / result.seconds,
    peer: 'missing' in peer ? { name: 'img2dataset', missing: peer.missing } : { name: 'img2dataset', value: peer.imagesPerSecond },
    settings:
      `${site.pageUrls.length} pages × ${site.imageUrls.length / site.pageUrls.length} distinct 128×128 PNGs (avg ${(site.averageImageBytes / 1024).toFixed(0)} KB); ` +
      `trawl ${describeEnv(trawl.env)}, tasks collect=images thumbnails=${JSON.stringify([THUMBNAIL])} (fit=inside, never enlarged: ${types}); ` +
      `img2dataset ${Object.entries(IMG2DATASET_THUMBNAIL_SETTINGS).map(([k, v]) => `${k}=${v}`).join(' ')}`,
  };
}

export const thumbnailsBench: Bench = { name: 'thumbnails, embedded', run: async (ctx) => [await thumbnailsFigure(ctx)] };
