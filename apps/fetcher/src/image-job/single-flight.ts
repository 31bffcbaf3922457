/**
 * One download per key at a time in this process: a second job for an image URL that another task is
 * downloading right now waits for that download instead of making its own (seed 000's rule). Image
 * jobs are keyed by host on the bus, so every job for one URL reaches the same fetcher process, and
 * this in-process map is enough to hold the rule across fetchers too.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, { promise: Promise<T>; leader: AbortSignal }>();

  /**
   * Runs `work` unless a flight for `key` is in the air; then the flight's result is shared
   * (`shared: true`). A flight that fails because its leader's job was aborted (its task cancelled, or
   * its process stopping) is not shared: the follower runs its own.
   */
  async run(key: string, signal: AbortSignal, work: () => Promise<T>): Promise<{ value: T; shared: boolean }> {
    const flight = this.flights.get(key);
    if (flight) {
      try {
        return { value: await flight.promise, shared: true };
      } catch (error) {
        if (!flight.leader.aborted) throw error;
      }
    }
    const promise = work();
    const entry = { promise, leader: signal };
    this.flights.set(key, entry);
    try {
      return { value: await promise, shared: false };
    } finally {
      if (this.flights.get(key) === entry) this.flights.delete(key);
    }
  }

  get inFlight(): number {
    return this.flights.size;
  }
}
