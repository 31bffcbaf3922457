import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { Figure } from '../report';
import { startLatencySite } from '../sites/latency-site';
import { benchEnv } from '../trawl/bench-env';
import { startEmbeddedBenchTrawl } from '../trawl/embedded';
import type { Bench } from './bench';

const CONNECTIONS = 32;
const DURATION_S = 10;

/**
 * The floor under any Node HTTP API on this machine at this moment: a bare node:http server (a process
 * of its own, as trawl is) answering every request with the bytes and headers trawl's status GET gave.
 * The target is on trawl's own req/s; the ratio says how much of what is left is trawl's, whatever the
 * load of the machine.
 */
const BARE_SERVER = `
const body = process.env.BODY;
require('node:http').createServer((request, response) => {
  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ETag: process.env.ETAG });
  response.end(body);
}).listen(0, '127.0.0.1', function () { process.stdout.write(this.address().port + '\\n'); });
`;

/** CPU time (user + system) a process has used so far, in ms (Linux). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function hammer(url: string, pid: number): Promise<{ requestsPerS: number; cpuUsPerRequest: number }> {
  const before = cpuMsOf(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  const cpuUsPerRequest = ((cpuMsOf(pid) - before) * 1000) / Math.max(1, result.requests.total);
  const bad = result.errors + result.timeouts + result.non2xx;
  console.log(`  ${url.includes('/api/') ? 'trawl' : 'bare node:http'}: ${result.requests.total} requests (${bad} errors, timeouts or non-2xx), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, server CPU ${cpuUsPerRequest.toFixed(0)} µs per request`);
  if (bad > 0) throw new Error(`${bad} of ${result.requests.total} GETs to ${url} failed`);
  return { requestsPerS: result.requests.average, cpuUsPerRequest };
}

async function measureBare(body: string, etag: string): Promise<number> {
  const child = spawn(process.execPath, ['-e', BARE_SERVER], { env: { BODY: body, ETAG: etag }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<string>((resolve, reject) => {
      child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
    });
    return (await hammer(`http://127.0.0.1:${port}/`, child.pid!)).requestsPerS;
  } finally {
    child.kill();
  }
}

/** GET /api/v1/tasks/{id} of a completed task, under autocannon (in this process, as a client would). */
async function measure(): Promise<Figure[]> {
  const site = await startLatencySite(5);
  const trawl = await startEmbeddedBenchTrawl(benchEnv());
  try {
    const { task } = await trawl.client.createTask({ url: site.pageUrl(0), collect: ['text', 'images'] });
    await trawl.client.waitForFinal(task.id);
    const url = `${trawl.client.baseUrl}/api/v1/tasks/${task.id}`;
    const sample = await fetch(url);
    const body = await sample.text();
    const measured = await hammer(url, trawl.processes[0].child.pid!);
    const bare = await measureBare(body, sample.headers.get('etag') ?? '');
    return [{
      name: 'status GET req/s, embedded',
      unit: 'req/s',
      trawl: measured.requestsPerS,
      peer: { name: 'bare node:http, same response', value: bare },
      target: { on: 'value', op: '>=', bound: 5000 },
      settings: `autocannon ${CONNECTIONS} connections, ${DURATION_S} s, GET /api/v1/tasks/{id} of a completed task (${body.length} bytes); embedded trawl, rate limit off; trawl used ${measured.cpuUsPerRequest.toFixed(0)} µs CPU per request`,
    }];
  } finally {
    await trawl.stop();
    await site.close();
  }
}

export const statusGetBench: Bench = { name: 'status GET, embedded', run: () => measure() };
