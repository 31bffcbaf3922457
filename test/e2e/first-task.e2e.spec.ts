import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from '../support/infra/free-port';
import { startEmbeddedTrawl, type TrawlDeployment } from '../support/trawl-deployment';
import { ROOT } from './npm-start';

/**
 * A new user's first tasks (issue 14): a URL where nothing listens says so, the listing pages by URL,
 * an images-only task links only what answers, and `npx trawl task <id>` pipes into a JSON reader.
 */
describe('e2e: first tasks [embedded]', () => {
  let trawl: TrawlDeployment;

  beforeAll(async () => {
    trawl = await startEmbeddedTrawl();
  });
  afterAll(async () => {
    await trawl?.stop();
  });

  it('a task for a port where nothing listens fails with connect-refused, naming the refusal first and the URL once', async () => {
    const port = await freePort();
    const { task } = await trawl.client.createTask({ url: `http://127.0.0.1:${port}/`, collect: ['text'] });
    const done = await trawl.client.waitForFinal(task.id, 60_000);
    expect(done).toMatchObject({ status: 'failed', error: { code: 'connect-refused' } });
    const message = done.error!.message;
    expect(message).toMatch(new RegExp(`^127\\.0\\.0\\.1:${port} refused the connection`));
    expect(message.split(`http://127.0.0.1:${port}/`)).toHaveLength(2);
  });

  it('the listing gives the next page as a URL (links.next and Link), keeping status and limit; a last page has none', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 3; n += 1) ids.push((await trawl.client.createTask({ url: `http://127.0.0.1:9/${n}`, collect: ['images'] })).task.id);
    const first = await trawl.client.request('/api/v1/tasks?limit=2');
    const firstPage = (await first.json()) as { items: Array<{ id: string }>; next: string; links: { next: string } };
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.links.next).toBe(`/api/v1/tasks?limit=2&cursor=${encodeURIComponent(firstPage.next)}`);
    expect(first.headers.get('link')).toBe(`<${firstPage.links.next}>; rel="next"`);
    const second = (await (await trawl.client.request(firstPage.links.next)).json()) as { items: Array<{ id: string }> };
    expect(second.items.length).toBeGreaterThan(0);
    expect(second.items.map((item) => item.id)).not.toContain(firstPage.items[0]!.id);

    const all = await trawl.client.request('/api/v1/tasks?limit=500');
    expect(((await all.json()) as { links: { next: unknown } }).links.next).toBeNull();
    expect(all.headers.get('link')).toBeNull();
  });

  it('an images-only task carries no text link', async () => {
    const { task } = await trawl.client.createTask({ url: 'http://127.0.0.1:9/images-only', collect: ['images'] });
    const links = (task as unknown as { links: Record<string, string> }).links;
    expect(Object.keys(links).sort()).toEqual(['events', 'images', 'self']);
  });

  it('npx trawl task <id> prints the task as JSON and nothing else on stdout, ready for jq', async () => {
    const { task } = await trawl.client.createTask({ url: 'http://127.0.0.1:9/cli', collect: ['text'] });
    // npm runs the package's own bin (package.json "bin"); offline, so that no registry is ever asked.
    const child = spawn('npx', ['trawl', 'task', task.id], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', npm_config_offline: 'true', ...trawl.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [code] = await once(child, 'exit');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toMatchObject({ id: task.id });
  });
});
