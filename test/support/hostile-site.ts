import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HostileContext } from './hostile/hostile-context';
import { serveCharset } from './hostile/hostile-charsets';
import { serveImage } from './hostile/hostile-images';
import { servePage } from './hostile/hostile-pages';

export { CHARSET_TEXT } from './hostile/hostile-charsets';

/** One listening address of the hostile site. */
export interface HostileListener {
  /** `http://127.0.0.x:<port>`, without a trailing slash. */
  baseUrl: string;
  /** TCP connections accepted so far: zero proves a refused fetch never reached the server. */
  connections(): number;
}

/** A running hostile site. */
export interface HostileSite extends HostileListener {
  /** The same routes on 127.0.0.2: another loopback address, outside a `127.0.0.1/32` allow-list. */
  second: HostileListener;
  /** Requests received for a path (query ignored), on either address. */
  hits(path: string): number;
  close(): Promise<void>;
}

/**
 * Starts the hostile web site on 127.0.0.1 and 127.0.0.2 (random ports): servers that drip, never
 * end, bomb, loop, lie about types and charsets, cut images and connections, flap, and pages with
 * thousands of images. Everything big is generated as it is sent; nothing refers to another host.
 *
 * Pages: `/ok`, `/drip`, `/silent`, `/endless`, `/bomb/gzip`, `/bomb/br`, `/redirect-loop/a`, `/redirect-chain/0`,
 * `/redirect-to?url=<loopback URL>`, `/page-as-png`, `/reset`, `/flap/<token>`, `/nested?depth=`, `/unbalanced?depth=`,
 * `/many-images?count=`, `/with-images?img=<path>&img=…`, `/charset/<case>` (see CHARSET_TEXT and
 * `/charset/wrong`). Images: `/tiny/<n>.png`, `/image/good.png`, `/image/html.png`,
 * `/image/truncated.png`, `/image/huge-dimensions.png`, `/image/endless.png`, `/image/big.png?bytes=`,
 * `/image/gzip-bomb.png`, `/image/drip.png`, `/image/reset.png`, `/image/flap/<token>.png`.
 * Anything else, `/robots.txt` included, is a 404.
 */
export async function startHostileSite(): Promise<HostileSite> {
  const context = new HostileContext();
  const first = await listen('127.0.0.1', context);
  const second = await listen('127.0.0.2', context);
  return {
    baseUrl: first.baseUrl,
    connections: first.connections,
    second: { baseUrl: second.baseUrl, connections: second.connections },
    hits: (path) => context.seen(`hit:${path}`),
    async close() {
      context.clearAll();
      await Promise.all([first.close(), second.close()]);
    },
  };
}

async function listen(address: string, context: HostileContext): Promise<HostileListener & { close(): Promise<void> }> {
  let connections = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${address}`);
    context.count(`hit:${url.pathname}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
    } else if (!servePage(url, res, context) && !serveImage(url, res, context) && !serveCharset(url, res)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, resolve);
  });
  return {
    baseUrl: `http://${address}:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
