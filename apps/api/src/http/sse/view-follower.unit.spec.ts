import { ViewFollower, type Clock, type FollowTimings, type SseSink } from './view-follower';

/** Timers run by hand: `advance` fires what is due, letting each poll's read settle before the next. */
class FakeClock implements Clock {
  private time = 0;
  private timers: { at: number; callback: () => void; handle: number }[] = [];
  private nextHandle = 1;
  now = () => this.time;
  setTimeout = (callback: () => void, ms: number) => {
    const handle = this.nextHandle++;
    this.timers.push({ at: this.time + ms, callback, handle });
    return handle;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((timer) => timer.handle !== handle);
  };
  get pending(): number {
    return this.timers.length;
  }
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers[0];
      if (!due || due.at > until) break;
      this.timers.shift();
      this.time = due.at;
      due.callback();
      for (let n = 0; n < 5; n += 1) await Promise.resolve(); // the read's promise and its continuation
    }
    this.time = until;
  }
}

interface View {
  revision: number;
  stored: number;
  status: 'running' | 'completed';
}

/** A read model whose view the test moves, and a sink that keeps what was written. */
function harness(options: { lastEventId?: number | null; timings?: Partial<FollowTimings>; initial?: View } = {}) {
  const clock = new FakeClock();
  let current: View = options.initial ?? { revision: 1, stored: 0, status: 'running' };
  let reads = 0;
  const written: string[] = [];
  let ended = false;
  const sink: SseSink = { write: (chunk) => void written.push(chunk), end: () => void (ended = true) };
  const timings: FollowTimings = { pollMs: 250, minIntervalMs: 250, heartbeatMs: 15_000, ...options.timings };
  const follower = new ViewFollower<View>(
    {
      read: async () => {
        reads += 1;
        return current;
      },
      isFinal: (view) => view.status === 'completed',
      toPayload: (view) => ({ stored: view.stored, status: view.status }),
    },
    sink,
    options.lastEventId ?? null,
    timings,
    clock,
  );
  const messages = () =>
    written
      .filter((chunk) => chunk.startsWith('id:'))
      .map((chunk) => {
        const [id, event, data] = chunk.trimEnd().split('\n').map((line) => line.slice(line.indexOf(':') + 2));
        return { id: Number(id), event, data: JSON.parse(data) as { stored: number; status: string } };
      });
  return {
    clock, follower, written, messages,
    set: (view: View) => void (current = view),
    get reads() { return reads; },
    get ended() { return ended; },
    start: () => follower.start(current),
  };
}

describe('a followed view as a stream of messages', () => {
  it('sends the state at once, then each change once, with the revision as id', async () => {
    const h = harness();
    h.start();
    await h.clock.advance(1000); // nothing moves: no more messages
    h.set({ revision: 4, stored: 3, status: 'running' });
    await h.clock.advance(250);
    expect(h.messages()).toEqual([
      { id: 1, event: 'progress', data: { stored: 0, status: 'running' } },
      { id: 4, event: 'progress', data: { stored: 3, status: 'running' } },
    ]);
    expect(h.ended).toBe(false);
  });

  it('coalesces: a view changing every 10 ms for 2 s gives at most one message per interval, each the latest', async () => {
    const h = harness({ timings: { pollMs: 50, minIntervalMs: 250 } });
    h.start();
    for (let step = 1; step <= 200; step += 1) {
      h.set({ revision: 1 + step, stored: step, status: 'running' });
      await h.clock.advance(10);
    }
    const messages = h.messages();
    expect(messages.length).toBeGreaterThanOrEqual(7);
    expect(messages.length).toBeLessThanOrEqual(9); // 2 s at 4 a second, plus the first
    for (let n = 1; n < messages.length; n += 1) expect(messages[n].id).toBeGreaterThan(messages[n - 1].id);
    // Nothing is lost by coalescing: once the view rests, the client has its latest state.
    await h.clock.advance(250);
    expect(h.messages().at(-1)).toEqual({ id: 201, event: 'progress', data: { stored: 200, status: 'running' } });
  });

  it('ends with one final message and stops polling', async () => {
    const h = harness();
    h.start();
    h.set({ revision: 9, stored: 5, status: 'completed' });
    await h.clock.advance(250);
    expect(h.messages().at(-1)).toEqual({ id: 9, event: 'final', data: { stored: 5, status: 'completed' } });
    expect(h.ended).toBe(true);
    const reads = h.reads;
    await h.clock.advance(5000);
    expect(h.reads).toBe(reads);
    expect(h.clock.pending).toBe(0);
  });

  it('resumes from Last-Event-ID: nothing while the view is not newer, then the current state', async () => {
    const h = harness({ lastEventId: 6, initial: { revision: 6, stored: 4, status: 'running' } });
    h.start();
    await h.clock.advance(1000);
    expect(h.messages()).toEqual([]);
    h.set({ revision: 8, stored: 6, status: 'running' });
    await h.clock.advance(250);
    expect(h.messages()).toEqual([{ id: 8, event: 'progress', data: { stored: 6, status: 'running' } }]);
  });

  it('gives a client that resumes from the final revision the final state once, then ends', async () => {
    const h = harness({ lastEventId: 9, initial: { revision: 9, stored: 5, status: 'completed' } });
    h.start();
    expect(h.messages()).toEqual([{ id: 9, event: 'final', data: { stored: 5, status: 'completed' } }]);
    expect(h.ended).toBe(true);
    expect(h.reads).toBe(0);
  });

  it('writes a heartbeat comment after 15 s without a write, and none while messages flow', async () => {
    const h = harness();
    h.start();
    await h.clock.advance(14_750);
    expect(h.written.filter((chunk) => chunk.startsWith(':'))).toEqual([]);
    await h.clock.advance(250);
    expect(h.written.at(-1)).toBe(': heartbeat\n\n');
    await h.clock.advance(15_000);
    expect(h.written.filter((chunk) => chunk.startsWith(':'))).toHaveLength(2);
  });

  it('stops polling when the client goes away, without writing or ending again', async () => {
    const h = harness();
    h.start();
    await h.clock.advance(500);
    h.follower.stop(false);
    const reads = h.reads;
    h.set({ revision: 2, stored: 1, status: 'running' });
    await h.clock.advance(2000);
    expect(h.reads).toBe(reads);
    expect(h.messages()).toHaveLength(1);
    expect(h.ended).toBe(false);
    expect(h.clock.pending).toBe(0);
  });
});
