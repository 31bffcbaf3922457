import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/infra/free-port';
import { ROOT, logLines, npmStart, portIsFree, waitForOk, type NpmStart } from './npm-start';

/** TRAWL_SHUTDOWN_GRACE_MS of these runs: the stop must be clean well within it. */
const GRACE_MS = 5000;

/**
 * What a new user meets in the first minutes (issue 14), with the README's own start command: `npm start`
 * in the repository, stopped by SIGTERM to that one pid as a supervisor would; the built entries on a
 * Node that is not 24; a fetcher-only process.
 */
describe('e2e: first contact', () => {
  const dataDirs: string[] = [];
  const running: NpmStart[] = [];

  async function start(env: Record<string, string>): Promise<NpmStart> {
    const dataDir = await mkdtemp(join(tmpdir(), 'trawl-e2e-npm-start-'));
    dataDirs.push(dataDir);
    const started = npmStart({ TRAWL_DATA_DIR: dataDir, TRAWL_SHUTDOWN_GRACE_MS: String(GRACE_MS), ...env });
    running.push(started);
    return started;
  }

  afterAll(async () => {
    for (const started of running) if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('npm start, sent SIGTERM at its own pid only, stops the server gracefully: exit 0 within the grace, the port free, no orphan', async () => {
    const port = await freePort();
    const started = await start({ PORT: String(port) });
    await waitForOk(`http://127.0.0.1:${port}/health`, started);
    const serverPid = logLines(started.output()).find((line) => line.pid !== undefined)?.pid;
    expect(serverPid).toBeDefined();

    const sentAt = Date.now();
    process.kill(started.child.pid!, 'SIGTERM');
    const timer = setTimeout(() => started.child.kill('SIGKILL'), GRACE_MS + 20_000);
    const { code, signal, at } = await started.exited;
    clearTimeout(timer);

    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(at - sentAt).toBeLessThan(GRACE_MS);
    expect(await portIsFree(port)).toBe(true);
    expect(() => process.kill(serverPid!, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));

    const lines = logLines(started.output());
    // Start-up says where things are without Nest's module and route lines (those are at debug).
    expect(lines.filter((line) => ['InstanceLoader', 'RoutesResolver', 'RouterExplorer'].includes(line.context ?? ''))).toEqual([]);
    expect(lines.length).toBeLessThan(15);
    expect(lines.map((line) => line.msg)).toContainEqual(expect.stringMatching(/^API: http:\/\/localhost:\d+\/api\/v1\/tasks {3}docs: /));
    // …and the stop is told: shutting down, then stopped, the last line.
    const messages = lines.map((line) => line.msg);
    expect(messages).toContainEqual(expect.stringMatching(/^SIGTERM: shutting down/));
    expect(messages.at(-1)).toMatch(/^stopped \(in \d+ ms\)$/);
  });

  it('a fetcher-only process announces no API and answers unknown routes with problem+json', async () => {
    const port = await freePort();
    const started = await start({ TRAWL_ROLES: 'fetcher', TRAWL_HEALTH_PORT: String(port) });
    await waitForOk(`http://127.0.0.1:${port}/health`, started);
    // Read before the requests below, whose own log lines name their paths.
    expect(started.output()).not.toMatch(/\/docs|\/api\/v1/);
    expect(started.output()).toMatch(/roles fetcher started on http:\/\/127\.0\.0\.1:\d+/);
    for (const path of ['/docs', '/api/v1/tasks', '/nothing-here']) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
        path, status: 404, type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(await response.json()).toMatchObject({ status: 404, code: 'not-found', instance: path });
    }
    process.kill(started.child.pid!, 'SIGTERM');
    expect(await started.exited).toMatchObject({ code: 0, signal: null });
  });

  it('every built entry, run on a Node other than 24, exits 1 with one line naming Node 24 and how to get it', () => {
    const otherNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => {
      if (!existsSync(path)) return false;
      const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim();
      return /^v\d+\./.test(version) && !version.startsWith('v24.');
    });
    if (!otherNode) {
      process.stdout.write('first-contact: skipped the wrong-Node run: no Node other than 24 on this machine\n');
      return;
    }
    const entries = readdirSync(join(ROOT, 'dist/apps')).map((app) => join('dist/apps', app, 'src/main.js')).filter((entry) => existsSync(join(ROOT, entry)));
    expect(entries.length).toBeGreaterThanOrEqual(6);
    for (const entry of entries) {
      const run = spawnSync(otherNode, [entry], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { PATH: '/usr/bin:/bin', TRAWL_DATA_DIR: join(tmpdir(), 'trawl-never-created') } });
      expect({ entry, status: run.status, stdout: run.stdout }).toEqual({ entry, status: 1, stdout: '' });
      expect(run.stderr).toMatch(new RegExp(`^trawl needs Node 24, not v\\d+\\.\\d+\\.\\d+: .*node_modules/\\.bin/node ${entry.replace(/[./]/g, '\\$&')}.*\\.nvmrc.*\\n$`));
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(tmpdir(), 'trawl-never-created'))).toBe(false);
  });
});
