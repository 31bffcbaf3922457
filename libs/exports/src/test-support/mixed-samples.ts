import type { ExportSample } from '../sample';
import { defaultSize, fixtureImageSample, fixturePageSample } from './fixture-samples';

/** `pages` page texts, each followed by `imagesPerPage` images: the order a task's export reads them. */
export async function* mixedSamples(pages: number, imagesPerPage: number): AsyncGenerator<ExportSample> {
  let image = 0;
  for (let page = 0; page < pages; page += 1) {
    yield fixturePageSample(page);
    for (let n = 0; n < imagesPerPage; n += 1, image += 1) yield fixtureImageSample(image, defaultSize(image));
  }
}
