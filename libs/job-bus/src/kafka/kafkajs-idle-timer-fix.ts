import { createRequire } from 'node:module';

/** The kafkajs release whose RequestQueue this fix is for (package.json pins it exactly). */
const FIXED_VERSION = '2.2.4';
const FIXED = Symbol.for('trawl.kafkajs-idle-timer-fix');

interface RequestQueueLike {
  pending: unknown[];
  scheduleCheckPendingRequests(): void;
}

/**
 * Stops kafkajs 2.2.4 from polling an idle connection every millisecond. Each broker connection's
 * RequestQueue re-arms a timer after every response (`scheduleCheckPendingRequests`): with nothing
 * pending and no throttle, `throttledUntil - Date.now()` is a large negative delay, which Node turns
 * into 1 ms, and the check re-arms it, forever (kafkajs issue #1751; Node 24 only added the
 * TimeoutNegativeWarning the benches printed). Measured here: an idle producer spent 194-206 ms of CPU
 * in 5 s (~4% of a core per connection; a fetcher holds several), 10 ms with this fix.
 *
 * With nothing pending there is nothing to check: `push` schedules a check itself when it queues a
 * request it cannot send at once, so skipping the timer loses no request. Applied once per process
 * (idempotent), and only to the release it was written for: another release is left as it is.
 */
export function applyKafkajsIdleTimerFix(): boolean {
  const require = createRequire(__filename);
  const { version } = require('kafkajs/package.json') as { version: string };
  if (version !== FIXED_VERSION) return false;
  const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as { prototype: RequestQueueLike & { [FIXED]?: true } };
  const proto = RequestQueue.prototype;
  if (proto[FIXED]) return true;
  const schedule = proto.scheduleCheckPendingRequests;
  proto.scheduleCheckPendingRequests = function scheduleWhenPending(this: RequestQueueLike): void {
    if (this.pending.length === 0) return;
    schedule.call(this);
  };
  proto[FIXED] = true;
  return true;
}
