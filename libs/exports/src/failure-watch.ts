/**
 * Lets a writer wait for a step while a stream it depends on may fail meanwhile (a tar pack, a zip).
 * Racing each step against one long-lived "failed" promise would leak: every race leaves a reaction
 * on that promise, holding its result, for as long as the export runs. Here each wait has its own.
 */
export class FailureWatch {
  private failure: Error | null = null;
  private readonly waiters = new Set<(error: Error) => void>();

  constructor(source: { on(event: 'error', listener: (error: Error) => void): unknown }) {
    source.on('error', (error) => {
      this.failure ??= error;
      for (const fail of this.waiters) fail(error);
      this.waiters.clear();
    });
  }

  /** Resolves as `work` does, or rejects as soon as the source fails (or has failed). */
  async guard<T>(work: Promise<T>): Promise<T> {
    if (this.failure) {
      work.catch(() => undefined);
      throw this.failure;
    }
    let fail!: (error: Error) => void;
    const failed = new Promise<never>((_resolve, reject) => (fail = reject));
    this.waiters.add(fail);
    try {
      return await Promise.race([work, failed]);
    } finally {
      this.waiters.delete(fail);
    }
  }
}
