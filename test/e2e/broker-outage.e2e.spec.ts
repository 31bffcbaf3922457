import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site';
import { freePort } from '../support/infra/free-port';
import { startKafkaServer } from '../support/infra/kafka-server';
import type { RunningServer } from '../support/infra/running-server';
import { startDistributedTrawl, type TrawlDeployment } from '../support/trawl-deployment';

const TASKS_DURING_OUTAGE = 3;

/**
 * The broker goes away and comes back: the roles that use it (relay, fetchers) say they are not ready while
 * it is gone and ready again once it is back, the API keeps accepting tasks (it needs only the event store),
 * and every task accepted in between completes. The test runs its own Kafka, the shared one of the test run
 * cannot be stopped: the same broker (data dir, ports) is stopped and started again.
 */
describe('e2e: Kafka outage [distributed: own kafka, ferretdb, sqlite event store]', () => {
  let kafkaDir: string;
  let reuse: { dir: string; port: number; controllerPort: number };
  let kafka: RunningServer | undefined;
  let site: FixtureSite;
  let trawl: TrawlDeployment;

  beforeAll(async () => {
    kafkaDir = await mkdtemp(join(tmpdir(), 'trawl-e2e-kafka-outage-'));
    reuse = { dir: kafkaDir, port: await freePort(), controllerPort: await freePort() };
    kafka = await startKafkaServer({ reuse });
    site = await startFixtureSite();
    trawl = await startDistributedTrawl({ fetchers: 1, env: { KAFKA_BROKERS: kafka.endpoint } });
  });
  afterAll(async () => {
    await trawl?.stop();
    await kafka?.stop();
    await site?.close();
    if (kafkaDir) await rm(kafkaDir, { recursive: true, force: true });
  });

  const kafkaUsers = () => ['relay', 'fetcher-1'].map((name) => trawl.processes.get(name)!);

  it('relay and fetcher turn unready while the broker is down and ready when it is back; no accepted task is lost', async () => {
    const before = await trawl.client.createTask({ url: `${site.baseUrl}/pages/plain-article.html`, collect: ['text'] });
    expect((await trawl.client.waitForFinal(before.task.id)).status).toBe('completed');
    for (const role of kafkaUsers()) await waitForReady(role.baseUrl, 200, 30_000);

    await kafka!.stop();
    kafka = undefined;
    for (const role of kafkaUsers()) await waitForReady(role.baseUrl, 503, 60_000);

    // The API appends to the event store only: it keeps accepting work while the broker is down.
    const pages = ['/pages/plain-article.html', '/pages/base-href.html', '/pages/all-hiding-places.html'].slice(0, TASKS_DURING_OUTAGE);
    const accepted = [];
    for (const page of pages) {
      const { response, task } = await trawl.client.createTask({ url: `${site.baseUrl}${page}` });
      expect(response.status).toBe(202);
      accepted.push(task.id);
    }
    for (const role of kafkaUsers()) expect((await fetch(`${role.baseUrl}/ready`)).status).toBe(503);
    for (const id of accepted) expect((await trawl.client.getTask(id)).status).toBe('queued');

    kafka = await startKafkaServer({ reuse });
    for (const role of kafkaUsers()) await waitForReady(role.baseUrl, 200, 90_000);

    for (const id of accepted) {
      const done = await trawl.client.waitForFinal(id, 180_000);
      expect({ id, status: done.status }).toEqual({ id, status: 'completed' });
      const events = await trawl.client.events(id);
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
      expect(events.filter((event) => event.type === 'TaskCompleted')).toHaveLength(1);
    }
  });
});

/** Polls /ready until it answers `status`. */
async function waitForReady(baseUrl: string, status: 200 | 503, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    last = await fetch(`${baseUrl}/ready`, { signal: AbortSignal.timeout(10_000) }).then((response) => response.status, () => 0);
    if (last === status) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${baseUrl}/ready answered ${last}, not ${status}, for ${timeoutMs} ms`);
}
