import { loadConfig } from '@trawl/config';
import { hostShardsOf, shardOf } from '@trawl/job-bus';
import type { HttpClient, HttpResponse } from '@trawl/scraping';
import { createHostLimitedHttpClient } from './create-host-limited-http-client';
import { HostLimitedHttpClient } from './host-limited-http-client';
import { HostLimiter } from './host-limiter';
import { politenessKey } from './politeness-key';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client whose every answer takes `ms`; counts the requests open to the host at once. */
function slowClient(ms: number) {
  const seen = { open: 0, peak: 0, starts: [] as number[] };
  const http: HttpClient = {
    async stream(request): Promise<HttpResponse> {
      seen.open += 1;
      seen.peak = Math.max(seen.peak, seen.open);
      seen.starts.push(Date.now());
      await sleep(ms);
      seen.open -= 1;
      return { url: request.url, status: 200, headers: {}, body: (async function* () {})() } as unknown as HttpResponse;
    },
  };
  return { http, seen };
}

async function fetchAll(client: HostLimitedHttpClient, urls: string[], minGapMs = 0): Promise<void> {
  await Promise.all(
    urls.map(async (url) => {
      const response = await client.stream({ url } as never, minGapMs);
      for await (const _chunk of response.body) void _chunk;
    }),
  );
}

const urls = Array.from({ length: 24 }, (_, n) => `http://127.0.0.1:8080/img/${n}.png`);

describe('host shards in the fetcher (ADR 0010)', () => {
  it('keys a request by its host, or by its shard of the host: the shard the relay published its job with', () => {
    expect(politenessKey('http://Example.org:8080/a.png', 1)).toBe('example.org:8080');
    expect(politenessKey('http://example.org/a.png', 12)).toBe(`example.org#${shardOf('http://example.org/a.png', 12)}`);
  });

  it('gives each shard an equal share of the host concurrency, so one fetcher holding every shard stays within it', async () => {
    const { http, seen } = slowClient(30);
    // TRAWL_HOST_CONCURRENCY=4 over 4 shards: 1 request per shard.
    const client = new HostLimitedHttpClient(http, new HostLimiter({ concurrency: 1, delayMs: 0 }), 4);
    await fetchAll(client, urls);
    expect(seen.peak).toBeLessThanOrEqual(4);
    expect(seen.peak).toBeGreaterThanOrEqual(2);
  });

  it("stretches a Crawl-delay by the shards, so the host still sees one start per delay on average", async () => {
    const { http, seen } = slowClient(0);
    const shards = 3;
    const client = new HostLimitedHttpClient(http, new HostLimiter({ concurrency: 1, delayMs: 0 }), shards);
    const sameShard = urls.filter((url) => shardOf(url, shards) === 0).slice(0, 3);
    await fetchAll(client, sameShard, 20);
    const gaps = seen.starts.slice(1).map((at, i) => at - seen.starts[i]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(58);
  });

  it('shards hosts only on Kafka with no per-host delay, and never into more shards than the host concurrency', () => {
    const kafka = { KAFKA_BROKERS: '127.0.0.1:9092', KAFKA_PARTITIONS: '12' };
    expect(hostShardsOf(loadConfig({ ...kafka, TRAWL_HOST_DELAY_MS: '0', TRAWL_HOST_CONCURRENCY: '1000' }))).toBe(12);
    expect(hostShardsOf(loadConfig({ ...kafka, TRAWL_HOST_DELAY_MS: '0', TRAWL_HOST_CONCURRENCY: '4' }))).toBe(4);
    expect(hostShardsOf(loadConfig({ ...kafka, TRAWL_HOST_DELAY_MS: '0', TRAWL_HOST_SHARDS: '1' }))).toBe(1);
    expect(hostShardsOf(loadConfig({ ...kafka }))).toBe(1);
    expect(hostShardsOf(loadConfig({ TRAWL_HOST_DELAY_MS: '0', TRAWL_HOST_CONCURRENCY: '1000' }))).toBe(1);
  });

  it('builds the limits from the configuration: per shard, a share of TRAWL_HOST_CONCURRENCY', async () => {
    const { http, seen } = slowClient(30);
    const config = loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092', TRAWL_HOST_DELAY_MS: '0', TRAWL_HOST_CONCURRENCY: '6', TRAWL_HOST_SHARDS: '3' });
    await fetchAll(createHostLimitedHttpClient(config, http), urls);
    expect(seen.peak).toBeLessThanOrEqual(6);
  });
});
