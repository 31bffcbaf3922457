import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site';
import { startEmbeddedTrawl, type TrawlDeployment } from '../support/trawl-deployment';

/**
 * The Python client (clients/python) against a real trawl: the working tree's client is installed with
 * `pip install` (offline, into a temp folder), then its pytest suite runs against trawl embedded from
 * dist/ and the loopback fixture site. trawl requires an API key, so every test also proves the client sends
 * TRAWL_API_KEY. pytest, tqdm and setuptools come from a venv in the infra cache
 * (scripts/infra/provision-pyclient.sh); without Python or PyPI the test is skipped with one line.
 */
const ROOT = resolve(__dirname, '../..');
const CLIENT_DIR = join(ROOT, 'clients/python');
const PROVISION = join(ROOT, 'scripts/infra/provision-pyclient.sh');
const PYTEST_TIMEOUT_MS = 240_000;

/** The venv's python, provisioning it first when missing; when it cannot be installed, the script's reason. */
function ensurePyclient(): { python: string } | { skipped: string } {
  const version = /^PYCLIENT_VERSION=(\S+)$/m.exec(readFileSync(PROVISION, 'utf8'))?.[1];
  if (!version) throw new Error('provision-pyclient.sh has no PYCLIENT_VERSION line');
  const home = join(process.env.TRAWL_INFRA_CACHE || join(homedir(), '.cache/trawl/infra'), `pyclient-${version}`);
  const python = join(home, 'venv/bin/python');
  if (existsSync(join(home, '.provisioned'))) return { python };
  const run = spawnSync('bash', [PROVISION], { encoding: 'utf8' });
  if (existsSync(join(home, '.provisioned'))) return { python };
  return { skipped: (run.stdout || run.stderr || `provision-pyclient.sh exited ${run.status}`).trim() };
}

interface Run {
  code: number | null;
  output: string;
  timedOut: boolean;
}

function run(command: string, args: string[], options: { cwd: string; env: Record<string, string>; timeoutMs: number }): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, output, timedOut });
    });
  });
}

const pyclient = ensurePyclient();

if ('skipped' in pyclient) {
  process.stdout.write(`e2e: Python client: skipped — ${pyclient.skipped}\n`);
  describe.skip('e2e: Python client (pytest)', () => {
    it('needs Python with pytest and tqdm', () => undefined);
  });
} else {
  describe('e2e: Python client (pytest)', () => {
    let trawl: TrawlDeployment;
    let site: FixtureSite;
    let workDir: string;
    const apiKey = `pyclient-${randomBytes(12).toString('hex')}`;
    // Only the variables the client and pytest need: no proxy settings, so every request stays on loopback.
    const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PYTHONDONTWRITEBYTECODE: '1', NO_COLOR: '1' });

    beforeAll(async () => {
      workDir = await mkdtemp(join(tmpdir(), 'trawl-pyclient-'));
      site = await startFixtureSite();
      trawl = await startEmbeddedTrawl({ env: { TRAWL_RATE_LIMIT_PER_MINUTE: '0', TRAWL_API_KEYS: apiKey } });
    });
    afterAll(async () => {
      await trawl?.stop();
      await site?.close();
      if (workDir) await rm(workDir, { recursive: true, force: true });
    });

    it('installs with pip and passes its pytest suite against embedded trawl', async () => {
      const target = join(workDir, 'site-packages');
      // The client as a user gets it: built by pip, offline (setuptools is in the venv), from a copy, since
      // setuptools builds in the source folder and concurrent runs would share its build/.
      const source = join(workDir, 'client');
      await cp(CLIENT_DIR, source, { recursive: true, filter: (path) => !/(^|\/)(build|__pycache__|[^/]*\.egg-info)$/.test(path) });
      const install = await run(pyclient.python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--no-build-isolation', '--no-index', '--target', target, source], {
        cwd: workDir, env: baseEnv(), timeoutMs: 120_000,
      });
      if (install.code !== 0) process.stdout.write(`pip install ./clients/python:\n${install.output}\n`);
      expect(install.code).toBe(0);

      const pytest = await run(pyclient.python, ['-m', 'pytest', join(CLIENT_DIR, 'tests'), '-p', 'no:cacheprovider', '-rs', '-q', '--basetemp', join(workDir, 'pytest')], {
        cwd: workDir,
        env: { ...baseEnv(), PYTHONPATH: target, TRAWL_URL: trawl.client.baseUrl, TRAWL_API_KEY: apiKey, TRAWL_SITE_URL: site.baseUrl },
        timeoutMs: PYTEST_TIMEOUT_MS,
      });
      const summary = pytest.output.trim().split('\n').pop() ?? '';
      process.stdout.write(`python client: pytest ${summary}\n`);
      if (pytest.code !== 0 || pytest.timedOut) process.stdout.write(`${pytest.output.slice(-30_000)}\n`);
      expect(pytest.timedOut).toBe(false);
      expect(pytest.code).toBe(0);
      // The suite really ran against this server (a skip for a missing TRAWL_URL would still exit 0).
      expect(summary).toMatch(/\d+ passed/);
      expect(summary).not.toMatch(/failed|error/);
    }, PYTEST_TIMEOUT_MS + 150_000);
  });
}
