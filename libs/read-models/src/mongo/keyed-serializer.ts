/**
 * Runs the work for one key strictly one after another, within this process; different keys run
 * concurrently.
 *
 * Why: FerretDB 1.x evaluates an update's filter outside the write (measured: of eight racing
 * `updateOne({ _id, revision: { $lt: r } }, …)`, a lower revision often lands last), so the
 * revision guard is only atomic on MongoDB itself. Serializing per key makes it hold for writers in
 * one process; across processes, FerretDB needs a single writer per read model (one projector).
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
