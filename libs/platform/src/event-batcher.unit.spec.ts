import type { RecordedEvent } from '@trawl/event-store';
import { EventBatcher } from './event-batcher';

const event = (n: number) => ({ id: `e${n}`, position: String(n) }) as unknown as RecordedEvent;
const ids = (batches: RecordedEvent[][]) => batches.map((batch) => batch.map((e) => e.id));

describe('EventBatcher', () => {
  it('applies the events handed over in one go as one batch, after they were all pushed', async () => {
    const batches: RecordedEvent[][] = [];
    const batcher = new EventBatcher(async (batch) => void batches.push(batch), 100, () => undefined);
    for (let n = 1; n <= 5; n++) await batcher.push(event(n));
    expect(batches).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    await batcher.flush();
    expect(ids(batches)).toEqual([['e1', 'e2', 'e3', 'e4', 'e5']]);
  });

  it('applies a full batch before accepting more (back-pressure), in order', async () => {
    const batches: RecordedEvent[][] = [];
    const batcher = new EventBatcher(async (batch) => void batches.push(batch), 2, () => undefined);
    for (let n = 1; n <= 5; n++) await batcher.push(event(n));
    expect(ids(batches)).toEqual([['e1', 'e2'], ['e3', 'e4']]);
    await batcher.flush();
    expect(ids(batches)).toEqual([['e1', 'e2'], ['e3', 'e4'], ['e5']]);
  });

  it('stops applying after a failed batch: the failure is reported once and every later call rejects', async () => {
    const failures: unknown[] = [];
    const applied: string[] = [];
    const batcher = new EventBatcher(async (batch) => {
      if (batch.some((e) => e.id === 'e2')) throw new Error('store down');
      applied.push(...batch.map((e) => e.id));
    }, 1, (error) => failures.push(error));
    await batcher.push(event(1));
    await expect(batcher.push(event(2))).rejects.toThrow('store down');
    await expect(batcher.push(event(3))).rejects.toThrow('store down');
    await expect(batcher.flush()).rejects.toThrow('store down');
    expect(applied).toEqual(['e1']);
    expect(failures).toHaveLength(1);
  });
});
