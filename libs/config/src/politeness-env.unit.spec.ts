import { loadConfig } from './trawl-config';

describe('politeness settings', () => {
  it('honours robots.txt and paces each host by default', () => {
    const { env } = loadConfig({});
    expect([env.TRAWL_RESPECT_ROBOTS, env.TRAWL_HOST_CONCURRENCY, env.TRAWL_HOST_DELAY_MS]).toEqual([true, 4, 250]);
  });

  it('reads the switches as words, not as truthy strings', () => {
    expect(loadConfig({ TRAWL_RESPECT_ROBOTS: 'false' }).env.TRAWL_RESPECT_ROBOTS).toBe(false);
    expect(loadConfig({ TRAWL_RESPECT_ROBOTS: '0' }).env.TRAWL_RESPECT_ROBOTS).toBe(false);
    expect(loadConfig({ TRAWL_RESPECT_ROBOTS: 'true' }).env.TRAWL_RESPECT_ROBOTS).toBe(true);
    expect(() => loadConfig({ TRAWL_RESPECT_ROBOTS: 'maybe' })).toThrow(/TRAWL_RESPECT_ROBOTS/);
  });

  it('allows no delay, but at least one request per host', () => {
    expect(loadConfig({ TRAWL_HOST_DELAY_MS: '0' }).env.TRAWL_HOST_DELAY_MS).toBe(0);
    expect(() => loadConfig({ TRAWL_HOST_CONCURRENCY: '0' })).toThrow(/TRAWL_HOST_CONCURRENCY/);
    expect(() => loadConfig({ TRAWL_HOST_DELAY_MS: '-5' })).toThrow(/TRAWL_HOST_DELAY_MS/);
  });
});
