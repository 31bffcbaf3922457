import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readTar } from '../../libs/exports/src/test-support/read-tar';
import { figuresOf, startCaptionSite, type CaptionSite } from './exports/caption-site';
import { sha256 } from './exports/export-checks';

const ROOT = resolve(__dirname, '../..');
const PAGES = 40;

/** Runs a command under a pseudo-terminal (util-linux `script`), so that stdout is a TTY. */
function underPty(command: string, cwd: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    // No test servers: `collect` without --server runs trawl embedded, and the CLI reads the environment.
    const { KAFKA_BROKERS: _kafka, MONGO_URL: _mongo, EVENTSTORE_URL: _esdb, ...inherited } = process.env;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, output }));
  });
}

describe('e2e: trawl collect (no server running, embedded in the CLI process)', () => {
  let site: CaptionSite;
  let work: string;

  beforeAll(async () => {
    site = await startCaptionSite();
    work = await mkdtemp(join(tmpdir(), 'trawl-collect-e2e-'));
  });
  afterAll(async () => {
    await site?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('turns a file of loopback URLs into a WebDataset folder, with a progress bar on the terminal', async () => {
    const urls = join(work, 'urls.txt');
    await writeFile(urls, `${Array.from({ length: PAGES }, (_, n) => site.pageUrl(n)).join('\n')}\n`);
    const out = join(work, 'dataset');
    const command = `exec ${process.execPath} ${join(ROOT, 'dist/apps/cli/src/main.js')} collect urls.txt --images --text --format webdataset --out ${out} --data-dir ${join(work, 'data')} --allow-private 127.0.0.0/8`;
    const { code, output } = await underPty(command, work, {
      TRAWL_DATA_DIR: join(work, 'cli-data'), TRAWL_EGRESS_ONLY: '127.0.0.0/8', TRAWL_HOST_DELAY_MS: '0', TRAWL_HOST_CONCURRENCY: '100',
    });
    if (code !== 0) throw new Error(`collect exited ${code}:\n${output.slice(-2000)}`);
    // The bar: redrawn in place (carriage returns / cursor control), with the figures it names.
    expect(output).toMatch(/collecting .*\d+% \| \d+\/40 URLs \| \d+ images \| \d+ failed \| [\d.]+ URLs\/s \| ETA/);
    expect(output).toContain('40/40 URLs');
    expect(output).toMatch(/\r|\u001b\[/);
    expect(output).toMatch(/wrote 2 file\(s\), \d+ bytes, 80 samples/);
    const files = (await readdir(out)).sort();
    expect(files).toEqual(['manifest.json', 'shard-000000.tar']);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { samples: number };
    const members = await readTar(join(out, 'shard-000000.tar'));
    const jsons = members.filter((member) => member.name.endsWith('.json'));
    expect(jsons).toHaveLength(manifest.samples);
    expect(manifest.samples).toBe(Array.from({ length: PAGES }, (_, n) => figuresOf(n).length).reduce((a, b) => a + b, 0));
    for (const json of jsons) {
      const meta = JSON.parse(json.text!) as { sourceUrl: string; pageUrl: string; caption: string };
      const path = new URL(meta.sourceUrl).pathname;
      const n = Number(/p(\d+)\.html$/.exec(meta.pageUrl)![1]);
      expect(meta.caption).toBe(figuresOf(n).find((figure) => figure.path === path)!.caption);
      expect(members.find((member) => member.name === json.name.replace(/\.json$/, '.png'))!.sha256).toBe(sha256(site.imageBytes(path)));
    }
  });
});
