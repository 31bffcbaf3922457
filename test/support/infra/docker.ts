import { existsSync } from 'node:fs';
import { request } from 'node:http';

const PING_TIMEOUT_MS = 1_500;
const DEFAULT_SOCKET = '/var/run/docker.sock';

let answer: Promise<boolean> | undefined;

/**
 * Whether a Docker engine answers `GET /_ping` on this machine, asked once per process (the answer is kept).
 * Only a local engine counts: a unix socket (DOCKER_HOST=unix://… or /var/run/docker.sock) or a loopback TCP
 * DOCKER_HOST. A remote engine would publish the containers' ports on another host, and tests must send
 * traffic to loopback only. TRAWL_INFRA_DOCKER=0 turns Docker off, to run on the native servers on purpose.
 */
export function dockerAnswers(): Promise<boolean> {
  answer ??= ping();
  return answer;
}

function ping(): Promise<boolean> {
  if (process.env.TRAWL_INFRA_DOCKER === '0') return Promise.resolve(false);
  const target = engineAddress(process.env.DOCKER_HOST);
  if (!target) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', timeout: PING_TIMEOUT_MS }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}

type EngineAddress = { socketPath: string } | { host: string; port: number };

function engineAddress(dockerHost: string | undefined): EngineAddress | undefined {
  if (!dockerHost) return existsSync(DEFAULT_SOCKET) ? { socketPath: DEFAULT_SOCKET } : undefined;
  if (dockerHost.startsWith('unix://')) return { socketPath: dockerHost.slice('unix://'.length) };
  const tcp = /^tcp:\/\/(127\.0\.0\.1|localhost|\[::1\]):(\d+)\/?$/.exec(dockerHost);
  return tcp ? { host: tcp[1].replace(/^\[|\]$/g, ''), port: Number(tcp[2]) } : undefined;
}
