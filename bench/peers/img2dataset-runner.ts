import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runChild } from './run-child';

const PROVISION = join(__dirname, '../../scripts/infra/provision-img2dataset.sh');

/** The settings of issue 9: no resize, no re-encode, 2 processes × 32 threads. */
export const IMG2DATASET_SETTINGS = {
  resize_mode: 'no',
  disable_all_reencoding: 'True',
  processes_count: '2',
  thread_count: '32',
  number_sample_per_shard: '500',
  retries: '0',
  timeout: '20',
};

/**
 * GNU time: waits for img2dataset and prints the user and system CPU of its whole process tree (its own, and
 * that of every worker process it waited for, as getrusage(RUSAGE_CHILDREN) sums them).
 */
const GNU_TIME = '/usr/bin/time';

export type Img2datasetFigure =
  | {
      images: number;
      failed: number;
      seconds: number;
      imagesPerSecond: number;
      /** CPU seconds (user + system) of img2dataset and its worker processes; absent without GNU time. */
      cpuSeconds?: number;
    }
  | { missing: string };

/** The img2dataset executable of the infra cache, provisioning it first; or the provisioner's reason. */
function ensureImg2dataset(): { bin: string } | { missing: string } {
  const version = /^IMG2DATASET_VERSION=(\S+)$/m.exec(readFileSync(PROVISION, 'utf8'))?.[1];
  const cache = process.env.TRAWL_INFRA_CACHE || join(homedir(), '.cache/trawl/infra');
  const home = join(cache, `img2dataset-${version}`);
  const bin = join(home, 'venv/bin/img2dataset');
  if (!existsSync(join(home, '.provisioned'))) {
    const run = spawnSync('bash', [PROVISION], { encoding: 'utf8' });
    if (!existsSync(join(home, '.provisioned'))) return { missing: (run.stdout || run.stderr || `exit ${run.status}`).trim() };
  }
  return { bin };
}

/**
 * Downloads `urls` with img2dataset into a temp dir (removed after), timed from its start to its end.
 * `settings` are its flags (`--key=value`); issue 9's by default.
 */
export async function runImg2dataset(urls: string[], settings: Record<string, string> = IMG2DATASET_SETTINGS): Promise<Img2datasetFigure> {
  const found = ensureImg2dataset();
  if ('missing' in found) return found;
  const work = await mkdtemp(join(tmpdir(), 'trawl-bench-img2dataset-'));
  try {
    await writeFile(join(work, 'urls.txt'), `${urls.join('\n')}\n`);
    const flags = Object.entries({ ...settings, input_format: 'txt', output_format: 'files', output_folder: join(work, 'out') });
    const args = [`--url_list=${join(work, 'urls.txt')}`, ...flags.map(([key, value]) => `--${key}=${value}`)];
    const cpuFile = join(work, 'cpu.txt');
    const timed = existsSync(GNU_TIME);
    const started = performance.now();
    await runChild(timed ? GNU_TIME : found.bin, timed ? ['-o', cpuFile, '-f', '%U %S', found.bin, ...args] : args, {
      cwd: work,
      // No update check of a dependency (albumentations), no telemetry: this run talks to loopback only.
      env: { NO_ALBUMENTATIONS_UPDATE: '1', WANDB_MODE: 'disabled', HF_HUB_OFFLINE: '1' },
    });
    const seconds = (performance.now() - started) / 1000;
    let images = 0;
    let failed = 0;
    for (const file of (await readdir(join(work, 'out'))).filter((name) => name.endsWith('_stats.json'))) {
      const stats = JSON.parse(await readFile(join(work, 'out', file), 'utf8')) as { successes: number; failed_to_download: number };
      images += stats.successes;
      failed += stats.failed_to_download;
    }
    const cpuSeconds = timed ? (await readFile(cpuFile, 'utf8')).trim().split(/\s+/).map(Number).reduce((a, b) => a + b, 0) : undefined;
    return { images, failed, seconds, imagesPerSecond: images / seconds, cpuSeconds };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
