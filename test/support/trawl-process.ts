import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const READY_TIMEOUT_MS = 60_000;

export interface TrawlProcess {
  name: string;
  child: ChildProcess;
  /** Base URL of its HTTP server (API, or health port of a worker role). */
  baseUrl: string;
  logFile: string;
  /** SIGTERM and wait; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  kill(): Promise<void>;
}

/**
 * Starts one trawl entry point from the build (`dist/`) as a real process, the way it runs in
 * production, and waits until its /health answers. Output goes to a log file for post-mortems.
 */
export async function startTrawlProcess(options: {
  name: string;
  entry: 'trawl' | 'api' | 'relay' | 'fetcher' | 'projector' | 'notifier' | 'sweeper';
  env: Record<string, string>;
  port: number;
  logDir: string;
}): Promise<TrawlProcess> {
  await mkdir(options.logDir, { recursive: true });
  const logFile = join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const isApi = options.entry === 'trawl' || options.entry === 'api';
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps', options.entry, 'src/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TRAWL_EGRESS_ONLY: '127.0.0.0/8',
      ...options.env,
      ...(isApi ? { PORT: String(options.port) } : { TRAWL_HEALTH_PORT: String(options.port) }),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  await waitForHealth(baseUrl, child, logFile);
  const stop = async (graceMs = 15_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };
  return { name: options.name, child, baseUrl, logFile, stop, kill };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`no /health within ${READY_TIMEOUT_MS} ms; see ${logFile}`);
}

/** Runs the operator CLI to completion. */
export async function runTrawlCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TRAWL_EGRESS_ONLY: '127.0.0.0/8', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number>((resolve) => child.once('exit', (exitCode) => resolve(exitCode ?? 1)));
  return { code, stdout, stderr };
}
