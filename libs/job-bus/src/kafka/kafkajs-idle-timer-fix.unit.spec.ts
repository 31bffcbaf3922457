import { createRequire } from 'node:module';
import { applyKafkajsIdleTimerFix } from './kafkajs-idle-timer-fix';

/** kafkajs's own RequestQueue (one per broker connection), as the adapter's connections use it. */
type Queue = {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  push(request: { entry: { correlationId: number; apiKey: number; apiName: string; apiVersion: number; resolve: () => void; reject: () => void }; expectResponse: boolean; sendRequest: () => void }): void;
  destroy(): void;
};
const RequestQueue = createRequire(__filename)('kafkajs/src/network/requestQueue/index.js') as new (options: Record<string, unknown>) => Queue;
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const queue = () => new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'test', broker: '127.0.0.1:9092', logger: silent, isConnected: () => true });

describe('the kafkajs idle timer fix', () => {
  beforeAll(() => {
    expect(applyKafkajsIdleTimerFix()).toBe(true);
  });

  it('arms no timer on a connection with nothing pending (kafkajs 2.2.4 re-armed a 1 ms one forever)', () => {
    const idle = queue();
    idle.checkPendingRequests();
    expect(idle.throttleCheckTimeoutId).toBeNull();
    idle.destroy();
  });

  it('still sends a request queued behind a throttle once the throttle is over', async () => {
    const throttled = queue();
    throttled.throttledUntil = Date.now() + 30;
    let sent = false;
    throttled.push({ entry: { correlationId: 1, apiKey: 3, apiName: 'Metadata', apiVersion: 0, resolve: () => {}, reject: () => {} }, expectResponse: false, sendRequest: () => (sent = true) });
    expect(throttled.pending).toHaveLength(1);
    expect(throttled.throttleCheckTimeoutId).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sent).toBe(true);
    expect(throttled.pending).toHaveLength(0);
    // Sent, nothing left: the check that sent it armed no further timer.
    expect(throttled.throttleCheckTimeoutId).toBeNull();
    throttled.destroy();
  });

  it('is applied once however often it is called', () => {
    const proto = RequestQueue.prototype as Queue & { scheduleCheckPendingRequests: unknown };
    const patched = proto.scheduleCheckPendingRequests;
    expect(applyKafkajsIdleTimerFix()).toBe(true);
    expect(proto.scheduleCheckPendingRequests).toBe(patched);
  });
});
