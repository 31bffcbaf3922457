import type { FixtureSite } from '../support/fixture-site';
import type { TrawlDeployment } from '../support/trawl-deployment';

/** Starts trawl in the mode under test with these variables over the e2e defaults. */
export type StartTrawl = (env: Record<string, string>) => Promise<TrawlDeployment>;

/**
 * Tight limits for the hostile suite, so that every hostile fixture hits its limit within seconds:
 * two attempts of at most 4 s per page or image, 1 MiB pages, 2 MiB images, 5 redirects, 3 s to
 * parse, 100 images per page. Politeness is relaxed (no delay between requests to the one loopback
 * host) so that a page of thousands of images is fetched as fast as the limits allow.
 */
export const HOSTILE_LIMITS: Record<string, string> = {
  TRAWL_MAX_ATTEMPTS: '2',
  TRAWL_PAGE_TIMEOUT_MS: '4000',
  TRAWL_IMAGE_TIMEOUT_MS: '4000',
  TRAWL_MAX_PAGE_BYTES: String(1024 * 1024),
  TRAWL_MAX_IMAGE_BYTES: String(2 * 1024 * 1024),
  TRAWL_MAX_REDIRECTS: '5',
  TRAWL_PARSE_TIMEOUT_MS: '3000',
  TRAWL_MAX_IMAGES_PER_PAGE: '100',
  TRAWL_FETCH_CONCURRENCY: '32',
  TRAWL_HOST_CONCURRENCY: '32',
  TRAWL_HOST_DELAY_MS: '0',
  TRAWL_RATE_LIMIT_PER_MINUTE: '0',
};

/**
 * A normal page of the fixture site completes quickly, and no trawl process has died. `text` only
 * while another task's thousands of image jobs are queued: image jobs are served in order, but page
 * jobs have their own topic, which is what "the fetcher stays responsive" means then.
 */
export async function expectHealthy(trawl: TrawlDeployment, site: FixtureSite, collect: string[] = ['text', 'images']): Promise<void> {
  const started = Date.now();
  const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/pages/base-href.html`, collect });
  const done = await trawl.client.waitForFinal(task.id, 20_000);
  expect(done).toMatchObject({ status: 'completed', progress: { imagesStored: collect.includes('images') ? 1 : 0 } });
  expect(Date.now() - started).toBeLessThan(10_000);
  for (const process of trawl.processes.values()) {
    expect({ name: process.name, exitCode: process.child.exitCode, signal: process.child.signalCode }).toEqual({ name: process.name, exitCode: null, signal: null });
  }
}
