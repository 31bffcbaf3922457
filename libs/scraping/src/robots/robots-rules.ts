import robotsParser from 'robots-parser';

/** Parsed robots.txt rules of one origin; evaluated per User-Agent. */
export type RobotsRules = ReturnType<typeof robotsParser>;

/** RFC 9309 §2.3.1: a crawler reads at least the first 500 KiB; anything after it is ignored. */
export const ROBOTS_MAX_BYTES = 512 * 1024;

/**
 * Parses a robots.txt body. `robotsUrl` is the origin's `/robots.txt`, even when the file came from
 * elsewhere after redirects: its rules apply to the origin that was asked (RFC 9309 §2.3.1.2).
 */
export function parseRobots(robotsUrl: string, body: Buffer): RobotsRules {
  return robotsParser(robotsUrl, body.toString('utf8'));
}

/**
 * The product token a robots.txt group names (RFC 9309 §2.2.1): the leading `[A-Za-z_-]+` of the
 * User-Agent, so `trawl/0.1 (+https://…)` matches `User-agent: trawl`. Without one, only `*` groups apply.
 */
export function productToken(userAgent: string): string {
  return /^[A-Za-z_-]+/.exec(userAgent.trim())?.[0] ?? '*';
}

/** Reads a body up to `maxBytes` and stops there (the rest is ignored, and the connection released). */
export async function readHead(body: AsyncIterable<Buffer>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const part = chunk.subarray(0, maxBytes - size);
    chunks.push(part);
    size += part.length;
    if (size >= maxBytes) break;
  }
  return Buffer.concat(chunks);
}
