import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const infraScripts = resolve(__dirname, '../../scripts/infra');

/** The pinned schemathesis version, from the file provision-schemathesis.sh sources. */
export function schemathesisVersion(): string {
  const match = /^SCHEMATHESIS_VERSION=(\S+)$/m.exec(readFileSync(join(infraScripts, 'versions.env'), 'utf8'));
  if (!match) throw new Error('scripts/infra/versions.env has no SCHEMATHESIS_VERSION');
  return match[1];
}

/**
 * The schemathesis executable of the infra cache, provisioning it first when missing (a plain `jest`
 * run on a fresh machine); when it cannot be installed, the provisioner's one-line reason instead.
 */
export function ensureSchemathesis(): { bin: string } | { skipped: string } {
  const cache = process.env.TRAWL_INFRA_CACHE || join(homedir(), '.cache/trawl/infra');
  const home = join(cache, `schemathesis-${schemathesisVersion()}`);
  const bin = join(home, 'venv/bin/schemathesis');
  if (existsSync(join(home, '.provisioned'))) return { bin };
  const run = spawnSync('bash', [join(infraScripts, 'provision-schemathesis.sh')], { encoding: 'utf8' });
  if (existsSync(join(home, '.provisioned'))) return { bin };
  return { skipped: (run.stdout || run.stderr || `provision-schemathesis.sh exited ${run.status}`).trim() };
}

export interface SchemathesisRun {
  exitCode: number | null;
  output: string;
  timedOut: boolean;
}

/** Runs the schemathesis CLI, killing it (and failing the run) when it outlives `timeoutMs`. */
export function runSchemathesis(bin: string, args: string[], timeoutMs: number, cwd: string): Promise<SchemathesisRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, args, {
      cwd,
      // No colours and a fixed width: the output is read by a test and printed when it fails.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', COLUMNS: '120' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      resolvePromise({ exitCode, output, timedOut });
    });
  });
}
