import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const script = resolve(__dirname, '../../../../scripts/infra/provision-pytools.sh');

/**
 * The Python of the pytools venv (webdataset, pyarrow), provisioning it first when missing (a plain
 * `jest` run on a fresh machine); when it cannot be installed, the provisioner's one-line reason.
 */
export function ensurePytools(): { python: string } | { skipped: string } {
  const version = /^PYTOOLS_VERSION=(\S+)$/m.exec(readFileSync(script, 'utf8'))?.[1];
  if (!version) return { skipped: 'provision-pytools.sh has no PYTOOLS_VERSION line' };
  const cache = process.env.TRAWL_INFRA_CACHE || join(homedir(), '.cache/trawl/infra');
  const home = join(cache, `pytools-${version}`);
  const python = join(home, 'venv/bin/python');
  if (existsSync(join(home, '.provisioned'))) return { python };
  const run = spawnSync('bash', [script], { encoding: 'utf8' });
  if (existsSync(join(home, '.provisioned'))) return { python };
  return { skipped: (run.stdout || run.stderr || `provision-pytools.sh exited ${run.status}`).trim() };
}

/** Runs a Python program and parses the JSON it prints (one document on stdout). */
export async function runPythonJson<T>(python: string, program: string, args: string[]): Promise<T> {
  const { stdout } = await promisify(execFile)(python, ['-c', program, ...args], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as T;
}
