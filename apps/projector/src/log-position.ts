/**
 * Orders two positions of the store-wide log. Both adapters write positions as non-negative integers
 * joined by ':' (SQLite: a sequence number; EventStoreDB: commit:prepare), ordered part by part.
 */
export function comparePositions(a: string, b: string): number {
  const left = a.split(':').map(BigInt);
  const right = b.split(':').map(BigInt);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const x = left[i] ?? 0n;
    const y = right[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Whether an event at `position` is already counted in a view that applied events through `through`. */
export function alreadyApplied(position: string, through: string | null): boolean {
  return through !== null && comparePositions(position, through) <= 0;
}
