/**
 * At most one progress report per task per interval: the first is sent at once, later ones wait for
 * the interval to pass and send only the newest state then. A task's end cancels what is waiting.
 */
export class ProgressCoalescer<Report> {
  private readonly tasks = new Map<string, { lastSentAt: number; pending?: Report; timer?: NodeJS.Timeout }>();

  constructor(
    private readonly intervalMs: number,
    private readonly send: (report: Report) => void,
    private readonly now: () => number = Date.now,
  ) {}

  offer(taskId: string, report: Report): void {
    const entry = this.tasks.get(taskId);
    const now = this.now();
    if (!entry || (!entry.timer && now - entry.lastSentAt >= this.intervalMs)) {
      this.tasks.set(taskId, { lastSentAt: now });
      this.send(report);
      return;
    }
    entry.pending = report;
    entry.timer ??= setTimeout(() => this.flush(taskId), Math.max(0, entry.lastSentAt + this.intervalMs - now));
  }

  /** The task ended: what waits is dropped (the final report says more), and the task forgotten. */
  forget(taskId: string): void {
    clearTimeout(this.tasks.get(taskId)?.timer);
    this.tasks.delete(taskId);
  }

  stop(): void {
    for (const entry of this.tasks.values()) clearTimeout(entry.timer);
    this.tasks.clear();
  }

  get size(): number {
    return this.tasks.size;
  }

  private flush(taskId: string): void {
    const entry = this.tasks.get(taskId);
    if (!entry?.pending) return;
    const report = entry.pending;
    this.tasks.set(taskId, { lastSentAt: this.now() });
    this.send(report);
  }
}
