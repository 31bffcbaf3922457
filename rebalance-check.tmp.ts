import { createJobBus, type JobBusConfig } from '@trawl/job-bus';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function main() {
  const config: JobBusConfig = { kind: 'kafka', brokers: ['127.0.0.1:19092'], clientId: 'rb', sessionTimeoutMs: 6000, rebalanceTimeoutMs: 10000, heartbeatIntervalMs: 500, maxWaitTimeMs: 500, stopGraceMs: 3000 };
  const topic = `rb-${Date.now()}`; const group = `g-${Date.now()}`;
  const seen = new Map<string, string[]>();
  const handler = (m: string) => async (job: { id: string }, ctx: { signal: AbortSignal }) => {
    seen.set(job.id, [...(seen.get(job.id) ?? []), m]);
    await sleep(300);
    if (ctx.signal.aborted) throw new Error('aborted');
  };
  const pub = createJobBus(config);
  const a = await createJobBus(config).consume({ topic, group, concurrency: 2, handler: handler('a') });
  await pub.publish(topic, Array.from({ length: 40 }, (_, i) => ({ id: `j${i}`, key: `h${i}`, payload: i })));
  await sleep(1500);
  const t0 = Date.now();
  const b = await createJobBus(config).consume({ topic, group, concurrency: 2, handler: handler('b') });
  console.log('b joined after', Date.now() - t0);
  const deadline = Date.now() + 60000;
  while (seen.size < 40 && Date.now() < deadline) await sleep(100);
  await sleep(1000);
  console.log('handled', seen.size, 'dups', [...seen].filter(([, v]) => v.length > 1).map(([k, v]) => `${k}:${v.join('')}`).join(' '));
  await a.stop(); await b.stop();
  const late: string[] = [];
  const c = await createJobBus(config).consume({ topic, group, handler: async (job) => void late.push(job.id) });
  await pub.publish(topic, [{ id: 'sentinel', key: 'h0', payload: null }]);
  while (!late.includes('sentinel')) await sleep(100);
  await sleep(1000);
  console.log('redelivered after stop:', late.filter((id) => id !== 'sentinel'));
  await c.stop();
  await pub.close();
  process.exit(0);
}
main().catch((e) => { console.error(e); process.exit(1); });
