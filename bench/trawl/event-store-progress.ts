import { DatabaseSync } from 'node:sqlite';
import { performance } from 'node:perf_hooks';

const FINAL_TYPES = `('TaskCompleted', 'TaskFailed', 'TaskCancelled')`;

/**
 * Progress read straight from the SQLite event store file of a deployment (read-only): what the fetchers
 * have done, whatever the projector's lag. The distributed figures use it, because the read model on
 * FerretDB lags far behind the work (the projector figure measures that lag on its own).
 */
export class EventStoreProgress {
  private readonly db: DatabaseSync;

  constructor(file: string) {
    this.db = new DatabaseSync(file, { readOnly: true });
  }

  finalTasks(): number {
    return Number((this.db.prepare(`SELECT COUNT(DISTINCT stream) AS n FROM events WHERE type IN ${FINAL_TYPES}`).get() as { n: number }).n);
  }

  count(type: string): number {
    return Number((this.db.prepare('SELECT COUNT(*) AS n FROM events WHERE type = ?').get(type) as { n: number }).n);
  }

  /** Waits until `expected` task streams hold a final event; returns the moment (performance.now()). */
  async waitAllFinal(expected: number, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.finalTasks() >= expected) return performance.now();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`only ${this.finalTasks()} of ${expected} tasks final in the event store after ${timeoutMs} ms`);
  }

  close(): void {
    this.db.close();
  }
}
