import type { FixtureSite } from './fixture-site';

/** Polls a condition every 50 ms until it holds; throws after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Requests the fixture site received for `/slow-image/1.png` … `/slow-image/<count>.png`. */
export function slowImageHits(site: FixtureSite, count: number): number {
  let hits = 0;
  for (let n = 1; n <= count; n += 1) hits += site.hits(`/slow-image/${n}.png`);
  return hits;
}
