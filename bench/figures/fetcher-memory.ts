/**
 * The fetcher's peak memory while a hostile site sends it a 1 GB image and a page of 10,000 images, under
 * the default limits. trawl runs embedded as two processes on one data dir: the fetcher role alone, whose
 * memory is measured, and the other roles beside it. Each scenario gets a fresh fetcher, so its peak is its own.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHostileSite, type HostileSite } from '../../test/support/hostile-site';
import { freePort } from '../../test/support/infra/free-port';
import { TrawlClient } from '../../test/support/trawl-client';
import { startTrawlProcess } from '../../test/support/trawl-process';
import type { Figure } from '../report';
import { RssSampler, memoryOf, mib } from '../trawl/rss-sampler';
import type { Bench } from './bench';

const GB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Defaults, except what one loopback host needs; the fetch concurrency stays at its default here. */
const MEMORY_ENV = {
  TRAWL_ALLOW_PRIVATE: '127.0.0.0/8',
  TRAWL_EGRESS_ONLY: '127.0.0.0/8',
  TRAWL_HOST_DELAY_MS: '0',
  TRAWL_HOST_CONCURRENCY: '16',
  TRAWL_RATE_LIMIT_PER_MINUTE: '0',
  TRAWL_LOG_LEVEL: 'warn',
};

interface Scenario {
  name: string;
  path: string;
  env?: Record<string, string>;
  target?: Figure['target'];
}

const SCENARIOS: Scenario[] = [
  { name: 'fetcher peak RSS, 10,000-image page', path: '/many-images?count=10000', target: { on: 'value', op: '<', bound: 300 } },
  { name: 'fetcher peak RSS, 1 GB image (max 50 MiB, default)', path: `/with-images?img=${encodeURIComponent(`/image/big.png?bytes=${GB}`)}` },
  {
    name: 'fetcher peak RSS, 1 GB image (TRAWL_MAX_IMAGE_BYTES=2 GiB)',
    path: `/with-images?img=${encodeURIComponent(`/image/big.png?bytes=${GB}`)}`,
    env: { TRAWL_MAX_IMAGE_BYTES: String(2 * GB) },
  },
];

async function measureAll(): Promise<Figure[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trawl-bench-memory-'));
  const hostile = await startHostileSite();
  const env = { ...MEMORY_ENV, TRAWL_DATA_DIR: dataDir };
  const logDir = join(dataDir, 'logs');
  const core = await startTrawlProcess({ name: 'core', entry: 'trawl', env: { ...env, TRAWL_ROLES: 'api,relay,projector' }, port: await freePort(), logDir });
  const client = new TrawlClient(core.baseUrl);
  try {
    const figures: Figure[] = [];
    for (const scenario of SCENARIOS) figures.push(await measure(scenario, hostile, client, env, logDir));
    return figures;
  } finally {
    await core.stop();
    await hostile.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function measure(scenario: Scenario, hostile: HostileSite, client: TrawlClient, env: Record<string, string>, logDir: string): Promise<Figure> {
  const fetcherEnv = { ...env, ...scenario.env };
  const fetcher = await startTrawlProcess({ name: `fetcher-${Date.now()}`, entry: 'fetcher', env: fetcherEnv, port: await freePort(), logDir });
  const pid = fetcher.child.pid!;
  try {
    const idle = memoryOf(pid).rss;
    const sampler = new RssSampler(pid);
    const started = Date.now();
    const { task } = await client.createTask({ url: `${hostile.baseUrl}${scenario.path}`, collect: ['images'] });
    const done = await client.waitForFinal(task.id, 10 * 60_000);
    const seconds = (Date.now() - started) / 1000;
    const { peakRss, hwm } = sampler.stop();
    const { imagesFound, imagesStored, imagesFailed } = done.progress;
    const warnings = done.warnings.map((w) => w.code).join(', ') || 'none';
    console.log(
      `  task ${done.status}: ${imagesFound} images (${imagesStored} stored, ${imagesFailed} failed), warnings: ${warnings}, in ${seconds.toFixed(1)} s; ` +
        `fetcher RSS idle ${mib(idle)}, peak ${mib(peakRss)} (VmHWM ${mib(hwm)})`,
    );
    return {
      name: scenario.name,
      unit: 'MiB',
      trawl: Math.max(peakRss, hwm) / MiB,
      target: scenario.target,
      settings: `default limits${scenario.env ? ` but ${Object.entries(scenario.env).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}; fetcher process alone, hostile site on loopback`,
    };
  } finally {
    await fetcher.stop();
  }
}

export const fetcherMemoryBench: Bench = { name: 'fetcher peak RSS (memory)', run: () => measureAll() };
