import type { BatchView } from '@trawl/read-models';
import { finalBatchView } from './batch-view-wait';

/** A read model whose batch view turns final after `finalAfter` reads, the first `failing` of which throw. */
function readModels(finalAfter: number, failing = 0) {
  let reads = 0;
  return {
    get reads() {
      return reads;
    },
    getBatch: async (id: string) => {
      reads += 1;
      if (reads <= failing) throw new Error('read model down');
      return { id, status: reads > finalAfter ? 'completed' : 'running' } as BatchView;
    },
  };
}

describe('finalBatchView: the view a final batch webhook counts images from', () => {
  it('waits until the projector shows the batch final, through read-model errors', async () => {
    const store = readModels(3, 2);
    await expect(finalBatchView(store, 'b1', 5_000)).resolves.toMatchObject({ id: 'b1', status: 'completed' });
    expect(store.reads).toBe(4);
  });

  it('gives up after the bound with null (the webhook then carries the task counts only)', async () => {
    const started = Date.now();
    await expect(finalBatchView(readModels(Number.POSITIVE_INFINITY), 'b1', 300)).resolves.toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('stops waiting when aborted (shutdown)', async () => {
    const shutdown = new AbortController();
    setTimeout(() => shutdown.abort(), 50);
    const started = Date.now();
    await expect(finalBatchView(readModels(Number.POSITIVE_INFINITY), 'b1', 60_000, shutdown.signal)).resolves.toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
