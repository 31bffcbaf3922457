import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@trawl/config';
import { decideRequest, steps, type TaskEvent } from '@trawl/domain';
import { createEventStore } from '@trawl/event-store';
import { TaskStreams } from '@trawl/tasks';
import { openStores } from './open-stores';
import { rebuildCommand } from './rebuild-command';

const ROOT = join(__dirname, '../../../..');

/** Packages of the distributed adapters and of Nest: the embedded rebuild must not load any of them. */
const HEAVY = ['mongoose', 'mongodb', 'kafkajs', '@eventstore/db-client', '@nestjs/common', '@nestjs/core', 'nestjs-pino'];

/** Records, at exit, every module the process loaded (a preload, so that it sees them all). */
const RECORD_MODULES = `process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULES_OUT, Object.keys(require.cache).join('\\n')));`;

async function givenFailedTask(dataDir: string): Promise<string> {
  const taskId = randomUUID();
  const now = new Date();
  const events: { step: string; event: TaskEvent }[] = [
    { step: steps.requested, event: decideRequest({ taskId, url: 'http://127.0.0.1:9/page', collect: ['text'], now }) },
    { step: steps.started, event: { type: 'TaskStarted', data: { taskId, startedAt: now.toISOString() } } },
    { step: steps.failed, event: { type: 'TaskFailed', data: { taskId, error: { code: 'http-status', message: 'HTTP 404' }, failedAt: now.toISOString() } } },
  ];
  const store = await createEventStore({ kind: 'sqlite', path: join(dataDir, 'events.sqlite') });
  try {
    await new TaskStreams(store).append(taskId, events, { correlationId: taskId });
  } finally {
    await store.close();
  }
  return taskId;
}

/** Runs the CLI from its TypeScript sources in a process of its own, with only the data dir configured. */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--require', '@swc-node/register', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TRAWL_EGRESS_ONLY: '127.0.0.0/8', TRAWL_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code: code ?? 1, stdout, stderr })));
}

describe('rebuild-read-models, the stores-only path of the CLI [sqlite]', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trawl-cli-rebuild-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replays the events into fresh read models through the two stores openStores opens', async () => {
    const taskId = await givenFailedTask(dir);
    const stores = await openStores(loadConfig({ TRAWL_DATA_DIR: dir }));
    const lines: string[] = [];
    try {
      expect(await stores.readModels.getTask(taskId)).toBeNull();
      expect(await rebuildCommand.run(stores, [], (line) => lines.push(line))).toBe(0);
      expect(await stores.readModels.getTask(taskId)).toMatchObject({ id: taskId, status: 'failed', error: { code: 'http-status' } });
      const events = await stores.eventStore.readAll();
      expect(await stores.readModels.getCheckpoint('projector')).toBe(events.at(-1)!.position);
    } finally {
      await stores.close();
    }
    expect(lines).toEqual([expect.stringMatching(/^rebuilt read models from 3 events in \d+ ms$/)]);
  });

  it('the CLI process rebuilds without loading Nest or any distributed adapter, and the usage still lists every command', async () => {
    const taskId = await givenFailedTask(dir);
    const preload = join(dir, 'record-modules.js');
    await writeFile(preload, RECORD_MODULES);
    const modulesOut = join(dir, 'modules.txt');
    const rebuild = await runCli(['--require', preload, 'apps/cli/src/main.ts', 'rebuild-read-models'], { TRAWL_DATA_DIR: dir, MODULES_OUT: modulesOut });
    expect(rebuild).toMatchObject({ code: 0, stdout: expect.stringMatching(/^rebuilt read models from 3 events in \d+ ms\n$/) });
    const loaded = (await readFile(modulesOut, 'utf8')).split('\n');
    expect(loaded.some((file) => file.includes('/libs/read-models/src/sqlite/'))).toBe(true);
    expect(HEAVY.filter((name) => loaded.some((file) => file.includes(`/node_modules/${name}/`)))).toEqual([]);

    const stores = await openStores(loadConfig({ TRAWL_DATA_DIR: dir }));
    try {
      expect(await stores.readModels.getTask(taskId)).toMatchObject({ id: taskId, status: 'failed' });
    } finally {
      await stores.close();
    }

    const usage = await runCli(['apps/cli/src/main.ts'], { TRAWL_DATA_DIR: dir });
    expect(usage.code).toBe(0);
    for (const name of ['rebuild-read-models', 'events', 'task', 'batch', 'requeue', 'extract', 'checkpoints', 'collect']) expect(usage.stderr).toContain(`  ${name}`);
  }, 120_000);
});
