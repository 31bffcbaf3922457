import { startCorpusSite, type CorpusSite } from './sites/corpus-site';
import { startImageSite, type ImageSite } from './sites/image-site';
import { runCrawlee, type CrawleeFigure } from './peers/crawlee-runner';
import { runImg2dataset, type Img2datasetFigure } from './peers/img2dataset-runner';
import { startBenchInfra, type BenchInfra } from './trawl/infra';

export const TEXT_PAGES = 500;
export const IMAGE_PAGES = 20;
export const IMAGES_PER_PAGE = 100;

/**
 * What several figures share, each made on first use and kept for the run: the sites, the peers' figures
 * (the distributed figures compare with the same ones as the embedded figures), and Kafka + FerretDB.
 */
export class BenchContext {
  private readonly made = new Map<string, Promise<unknown>>();
  private readonly closers: (() => Promise<void>)[] = [];

  corpusSite = () => this.once('corpus', async () => this.closing(await startCorpusSite(TEXT_PAGES)));
  imageSite = () => this.once('images', async () => this.closing(await startImageSite({ pages: IMAGE_PAGES, perPage: IMAGES_PER_PAGE })));
  crawlee = (maxConcurrency: number) =>
    this.once(`crawlee-${maxConcurrency}`, async (): Promise<CrawleeFigure> => runCrawlee((await this.corpusSite()).urls, maxConcurrency));
  img2dataset = () => this.once('img2dataset', async (): Promise<Img2datasetFigure> => runImg2dataset((await this.imageSite()).imageUrls));
  infra = () => this.once('infra', async (): Promise<BenchInfra> => this.closing(await startBenchInfra()));

  async close(): Promise<void> {
    for (const close of this.closers.reverse()) await close().catch((error: unknown) => console.error(error));
  }

  private closing<T extends { close(): Promise<void> }>(thing: T): T {
    this.closers.push(() => thing.close());
    return thing;
  }

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.made.has(key)) this.made.set(key, make());
    return this.made.get(key) as Promise<T>;
  }
}
