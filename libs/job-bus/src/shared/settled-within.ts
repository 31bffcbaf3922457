/** Waits until every promise settled or `ms` passed, whichever comes first. */
export async function settledWithin(promises: Iterable<Promise<unknown>>, ms: number): Promise<void> {
  const all = [...promises];
  if (all.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([Promise.allSettled(all), timeUp]);
  clearTimeout(timer);
}
