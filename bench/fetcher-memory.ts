/**
 * `npm run bench`: the fetcher's peak memory while a hostile site sends it a 1 GB image and a page of
 * 10,000 images, under the default limits. trawl runs embedded (SQLite files, local queue, file blobs)
 * as two processes on one data dir: the fetcher role alone, whose memory is measured, and the other
 * roles beside it. Each scenario gets a fresh fetcher, so its peak is its own. Plain numbers on stdout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHostileSite, type HostileSite } from '../test/support/hostile-site';
import { freePort } from '../test/support/infra/free-port';
import { TrawlClient } from '../test/support/trawl-client';
import { startTrawlProcess, type TrawlProcess } from '../test/support/trawl-process';
import { RssSampler, memoryOf, mib } from './rss-sampler';

const GB = 1024 ** 3;

/** Defaults, except what a benchmark on one loopback host needs (said in every printed line's header). */
const BENCH_ENV = {
  TRAWL_ALLOW_PRIVATE: '127.0.0.0/8',
  TRAWL_EGRESS_ONLY: '127.0.0.0/8',
  // Politeness is not a limit: at its default 250 ms between requests to one host, 5000 images from
  // the single loopback host would take over 20 minutes of waiting, not of work.
  TRAWL_HOST_DELAY_MS: '0',
  TRAWL_HOST_CONCURRENCY: '16',
  TRAWL_LOG_LEVEL: 'warn',
};

interface Scenario {
  name: string;
  path: string;
  env?: Record<string, string>;
  report: (client: TrawlClient, taskId: string) => Promise<string>;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trawl-bench-'));
  const hostile = await startHostileSite();
  const env = { ...BENCH_ENV, TRAWL_DATA_DIR: dataDir };
  const core = await startTrawlProcess({
    name: 'core', entry: 'trawl', env: { ...env, TRAWL_ROLES: 'api,relay,projector' }, port: await freePort(), logDir: join(dataDir, 'logs'),
  });
  const client = new TrawlClient(core.baseUrl);
  console.log(`trawl fetcher memory benchmark: Node ${process.version}, ${availableParallelism()} CPUs, default limits (loopback allowed, no per-host delay)`);
  try {
    // `npm run bench -- 10,000` runs only the scenarios whose name contains the argument.
    const only = process.argv[2];
    for (const scenario of scenarios().filter((candidate) => !only || candidate.name.includes(only))) {
      await run(scenario, hostile, client, env, dataDir);
    }
  } finally {
    await core.stop();
    await hostile.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function scenarios(): Scenario[] {
  const image = (name: string, env?: Record<string, string>): Scenario => ({
    name,
    env,
    path: `/with-images?img=${encodeURIComponent(`/image/big.png?bytes=${GB}`)}`,
    report: async (client, taskId) => {
      const [only] = await client.images(taskId);
      return only.status === 'stored' ? `stored ${mib(only.bytes!)}` : `image failed: ${only.error!.code}`;
    },
  });
  return [
    image('1 GB image, TRAWL_MAX_IMAGE_BYTES default (50 MiB)'),
    image('1 GB image, TRAWL_MAX_IMAGE_BYTES=2 GiB', { TRAWL_MAX_IMAGE_BYTES: String(2 * GB) }),
    {
      name: '10,000-image page, TRAWL_MAX_IMAGES_PER_PAGE default (5000)',
      path: '/many-images?count=10000',
      report: async (client, taskId) => {
        const task = await client.getTask(taskId);
        const { imagesFound, imagesStored, imagesFailed } = task.progress;
        return `${imagesFound} images collected (${imagesStored} stored, ${imagesFailed} failed), warning: ${task.warnings.map((w) => w.code).join(', ') || 'none'}`;
      },
    },
  ];
}

async function run(scenario: Scenario, hostile: HostileSite, client: TrawlClient, env: Record<string, string>, dataDir: string): Promise<void> {
  const fetcher: TrawlProcess = await startTrawlProcess({
    name: `fetcher-${Date.now()}`, entry: 'fetcher', env: { ...env, ...scenario.env }, port: await freePort(), logDir: join(dataDir, 'logs'),
  });
  const pid = fetcher.child.pid!;
  try {
    const idle = memoryOf(pid).rss;
    const sampler = new RssSampler(pid);
    const started = Date.now();
    const { task } = await client.createTask({ url: `${hostile.baseUrl}${scenario.path}`, collect: ['images'] });
    const done = await client.waitForFinal(task.id, 30 * 60_000);
    const seconds = (Date.now() - started) / 1000;
    const { peakRss, hwm } = sampler.stop();
    const outcome = await scenario.report(client, task.id);
    const rate = scenario.path.startsWith('/many-images')
      ? `${(done.progress.imagesFound / seconds).toFixed(0)} images/s`
      : `${(Math.min(GB, Number(scenario.env?.TRAWL_MAX_IMAGE_BYTES ?? 50 * 1024 ** 2)) / 1024 ** 2 / seconds).toFixed(0)} MiB/s`;
    console.log(
      `${scenario.name}: task ${done.status}, ${outcome}, in ${seconds.toFixed(1)} s (${rate}); ` +
        `fetcher RSS idle ${mib(idle)}, peak ${mib(peakRss)} (VmHWM ${mib(hwm)})`,
    );
  } finally {
    await fetcher.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
