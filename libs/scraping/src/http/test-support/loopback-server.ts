import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NetworkPolicy } from '../../network-policy';
import { GotScrapingHttpClient } from '../got-scraping-http-client';

/** Tests only ever bind and reach these two loopback addresses. */
export type LoopbackHost = '127.0.0.1' | '127.0.0.2';

export interface LoopbackServer {
  /** An absolute URL on this server. */
  url(path: string): string;
  /** TCP connections accepted so far: SSRF tests assert it stays 0. */
  readonly connections: number;
  close(): Promise<void>;
}

/** An in-process HTTP server on a loopback address and a free port, counting connections. */
export async function startLoopbackServer(host: LoopbackHost, handler: RequestListener): Promise<LoopbackServer> {
  const server = http.createServer(handler);
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  server.listen(0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://${host}:${port}${path}`,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The client as tests run it: 127.0.0.1 exempted from the block (nothing else), and egress
 * restricted to 127.0.0.0/8 as a second guard against any traffic leaving the machine.
 */
export function loopbackClient(allowPrivate: string[] = ['127.0.0.1/32']): GotScrapingHttpClient {
  return new GotScrapingHttpClient({ policy: new NetworkPolicy({ allowPrivate, egressOnly: ['127.0.0.0/8'] }) });
}

/** Reads a whole (small) body; tests of large bodies count bytes instead. */
export async function readAll(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
