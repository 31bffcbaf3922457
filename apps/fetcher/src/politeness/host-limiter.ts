import { isQuickFinalAnswer, type AnswerSummary } from './quick-answer';

export interface HostLimiterOptions {
  /** Requests to one host at once. */
  concurrency: number;
  /** Least time between the starts of two requests to one host. */
  delayMs: number;
  /** The gap after a quick final answer (see quick-answer.ts), when no Crawl-delay asks for more. Default delayMs / 4. */
  quickAnswerGapMs?: number;
  clock?: () => number;
}

/** Gives the host's slot back; `answer`, when known, may shorten the gap before the next start. */
export type ReleaseSlot = (answer?: AnswerSummary) => void;

interface Waiter {
  gapMs: number;
  admit: (release: ReleaseSlot) => void;
}

interface HostState {
  active: number;
  lastStartAt: number;
  /** Counts starts, so that a release can tell whether its request is still the last one started. */
  starts: number;
  /** The last request started got a quick final answer: the next may start after quickAnswerGapMs. */
  lastAnsweredQuickly: boolean;
  /** The gap the last start asked for: while it runs, an idle host's state must be kept. */
  lastGapMs: number;
  queue: Waiter[];
  timer?: NodeJS.Timeout;
}

/** Past this many hosts, idle hosts whose last gap has run out are forgotten. */
const SWEEP_ABOVE = 1024;

/**
 * Per-host politeness inside one fetcher process: at most `concurrency` requests to a host at once,
 * and request starts at least `delayMs` apart (or a larger per-request gap, such as a robots.txt
 * Crawl-delay). Waiters are served first come, first served, and leave the queue when their signal
 * aborts.
 *
 * Why a per-process limit bounds a whole consumer group: jobs are keyed by host, so on Kafka all of a
 * host's page jobs sit on one partition of the page topic, and all its image jobs on one partition of
 * the image topic; a partition belongs to one member at a time. So at most two members (one per topic)
 * fetch from a host at once, and the group-wide bound is twice the per-process one (briefly more while
 * a rebalance moves a partition). In embedded mode there is one process, and the bound is exact.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly clock: () => number;

  constructor(private readonly options: HostLimiterOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${options.concurrency}`);
    }
    if (!(options.delayMs >= 0)) throw new RangeError(`delayMs must be >= 0, got ${options.delayMs}`);
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Waits for the host's turn; resolves with the function that gives the slot back (call it once the
   * response is done). Rejects with the signal's reason if it aborts first.
   */
  acquire(host: string, options: { signal?: AbortSignal; minGapMs?: number } = {}): Promise<ReleaseSlot> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.hosts.size > SWEEP_ABOVE) this.sweep();
    const state = this.state(host);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = state.queue.indexOf(waiter);
        if (index >= 0) state.queue.splice(index, 1);
        reject(signal!.reason);
        this.pump(host, state);
      };
      const waiter: Waiter = {
        gapMs: Math.max(this.options.delayMs, options.minGapMs ?? 0),
        admit: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      state.queue.push(waiter);
      this.pump(host, state);
    });
  }

  /** Requests to `host` running now (for tests and metrics). */
  active(host: string): number {
    return this.hosts.get(host)?.active ?? 0;
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, lastStartAt: Number.NEGATIVE_INFINITY, starts: 0, lastAnsweredQuickly: false, lastGapMs: 0, queue: [] };
      this.hosts.set(host, state);
    }
    return state;
  }

  /** Admits the head of the queue if a slot is free and its gap has passed, else waits for either. */
  private pump(host: string, state: HostState): void {
    clearTimeout(state.timer);
    state.timer = undefined;
    const head = state.queue[0];
    if (!head || state.active >= this.options.concurrency) return;
    const now = this.clock();
    const wait = state.lastStartAt + this.gapBefore(head, state) - now;
    if (wait > 0) {
      state.timer = setTimeout(() => this.pump(host, state), wait);
      return;
    }
    state.queue.shift();
    state.active += 1;
    state.lastStartAt = now;
    state.lastGapMs = head.gapMs;
    state.lastAnsweredQuickly = false;
    const start = ++state.starts;
    let released = false;
    head.admit((answer) => {
      if (released) return;
      released = true;
      state.active -= 1;
      // Only the last request started sets the gap before the next one.
      if (answer && start === state.starts && isQuickFinalAnswer(answer, this.clock() - now, this.options.delayMs)) {
        state.lastAnsweredQuickly = true;
      }
      this.pump(host, state);
    });
    this.pump(host, state);
  }

  /**
   * The configured delay, or a waiter's Crawl-delay; after a quick final answer the configured delay
   * shrinks to quickAnswerGapMs, a Crawl-delay never does (the site asked for it in so many words).
   */
  private gapBefore(head: Waiter, state: HostState): number {
    if (!state.lastAnsweredQuickly || head.gapMs > this.options.delayMs) return head.gapMs;
    return Math.min(head.gapMs, this.options.quickAnswerGapMs ?? this.options.delayMs / 4);
  }

  private sweep(): void {
    const now = this.clock();
    for (const [host, state] of this.hosts) {
      const idle = state.active === 0 && state.queue.length === 0;
      if (idle && now - state.lastStartAt >= state.lastGapMs) this.hosts.delete(host);
    }
  }
}
