import { TrawlMetrics } from '@trawl/metrics';
import type { Response } from 'express';
import { HealthController } from './health.controller';
import type { Infrastructure } from './infrastructure';
import type { ResilientSubscription } from './resilient-subscription';
import { SubscriptionRegistry } from './subscription-registry';

/** Ports that answer (or not) as told; only ping() is used by readiness. */
function infrastructure(down: Partial<Record<'eventStore' | 'jobBus' | 'readModels' | 'blobStore', Error>> = {}): Infrastructure {
  const port = (name: keyof typeof down) => ({ ping: async () => { if (down[name]) throw down[name]; } });
  return { eventStore: port('eventStore'), jobBus: port('jobBus'), readModels: port('readModels'), blobStore: port('blobStore') } as unknown as Infrastructure;
}

function subscription(state: { healthy: boolean; lag: number }): ResilientSubscription {
  return { get healthy() { return state.healthy; }, lag: async (limit: number) => Math.min(state.lag, limit) } as unknown as ResilientSubscription;
}

function response() {
  const sent = { status: 200 };
  return { sent, response: { status: (code: number) => (sent.status = code) } as unknown as Response };
}

describe('HealthController /ready', () => {
  const metrics = new TrawlMetrics({ defaultMetrics: false });

  it('checks only the ports of its roles, and the subscriptions registered', async () => {
    const registry = new SubscriptionRegistry(metrics);
    registry.add('projector', subscription({ healthy: true, lag: 4 }));
    // The job bus is down, but a projector does not use it: still ready.
    const controller = new HealthController(infrastructure({ jobBus: new Error('Kafka unavailable') }), { dependencies: ['eventStore', 'readModels'], maxLagEvents: 10 }, registry);
    const { sent, response: res } = response();
    const report = await controller.ready(res);
    expect(sent.status).toBe(200);
    expect(report.status).toBe('ready');
    expect(Object.keys(report.checks).sort()).toEqual(['eventStore', 'readModels', 'subscription:projector']);
    expect(report.checks['subscription:projector']).toMatchObject({ status: 'up', lagEvents: 4 });
  });

  it('answers 503 when a dependency is down, a subscription is not live, or it lags beyond the bound', async () => {
    const registry = new SubscriptionRegistry(metrics);
    const relay = { healthy: true, lag: 0 };
    registry.add('relay', subscription(relay));
    const down = new HealthController(infrastructure({ readModels: new Error('no answer') }), { dependencies: ['readModels'], maxLagEvents: 10 }, registry);
    const first = response();
    expect((await down.ready(first.response)).checks.readModels).toMatchObject({ status: 'down', error: 'no answer' });
    expect(first.sent.status).toBe(503);

    const controller = new HealthController(infrastructure(), { dependencies: ['eventStore'], maxLagEvents: 10 }, registry);
    relay.lag = 11;
    const lagging = response();
    expect((await controller.ready(lagging.response)).checks['subscription:relay']).toMatchObject({ status: 'down', error: 'more than 10 events behind the head' });
    expect(lagging.sent.status).toBe(503);
    relay.lag = 10;
    relay.healthy = false;
    const resubscribing = response();
    expect((await controller.ready(resubscribing.response)).checks['subscription:relay']).toMatchObject({ status: 'down', error: expect.stringContaining('not subscribed') });
    expect(resubscribing.sent.status).toBe(503);
    relay.healthy = true;
    const recovered = response();
    expect((await controller.ready(recovered.response)).status).toBe('ready');
    expect(recovered.sent.status).toBe(200);
  });

  it('publishes each registered subscription\'s lag on scrape', async () => {
    const own = new TrawlMetrics({ defaultMetrics: false });
    new SubscriptionRegistry(own).add('relay', subscription({ healthy: true, lag: 7 }));
    expect((await own.scrape()).body).toContain('trawl_subscription_lag_events{subscription="relay"} 7');
  });
});
