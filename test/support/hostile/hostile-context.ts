import type { ServerResponse } from 'node:http';

/** What hostile routes share with their server: timers it can clear on close, and request counters. */
export class HostileContext {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly counters = new Map<string, number>();

  /** Runs `tick` every `ms` until the response closes (or the server does). */
  every(ms: number, res: ServerResponse, tick: () => void): void {
    const timer = setInterval(() => {
      if (res.destroyed) return this.clear(timer);
      tick();
    }, ms);
    this.timers.add(timer);
    res.on('close', () => this.clear(timer));
  }

  /** Runs `fire` once after `ms`, unless the response closes (or the server does) first. */
  later(ms: number, res: ServerResponse, fire: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fire();
    }, ms);
    this.timers.add(timer);
    res.on('close', () => this.clear(timer));
  }

  /** Counts one more request under `key`; returns the count, from 1. */
  count(key: string): number {
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return n;
  }

  /** Requests counted under `key` so far. */
  seen(key: string): number {
    return this.counters.get(key) ?? 0;
  }

  clearAll(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.clear();
  }

  private clear(timer: NodeJS.Timeout): void {
    clearInterval(timer);
    this.timers.delete(timer);
  }
}
