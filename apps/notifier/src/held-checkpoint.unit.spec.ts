import type { ReadModelStore } from '@trawl/read-models';
import { HeldCheckpoint } from './held-checkpoint';

/** The two calls a checkpoint makes of the read models. */
function checkpointStore(initial: string | null) {
  const saved: string[] = [];
  const store = { getCheckpoint: async () => initial, saveCheckpoint: async (_name: string, position: string) => void saved.push(position) };
  return { store: store as unknown as ReadModelStore, saved };
}

describe('held checkpoint: never past an unfinished delivery', () => {
  it('stays before the event that started the oldest unfinished delivery, and moves on when it ends', async () => {
    const { store, saved } = checkpointStore('p0');
    const checkpoint = new HeldCheckpoint(store, 'notifier');
    expect(await checkpoint.load()).toBe('p0');
    await checkpoint.advance('p1');
    checkpoint.hold('delivery-a'); // while handling p2
    await checkpoint.advance('p2');
    checkpoint.hold('delivery-b'); // while handling p3
    await checkpoint.advance('p3');
    await checkpoint.advance('p4');
    await checkpoint.flush();
    expect(saved.at(-1)).toBe('p1');
    await checkpoint.release('delivery-b');
    await checkpoint.flush();
    expect(saved.at(-1)).toBe('p1');
    await checkpoint.release('delivery-a');
    await checkpoint.flush();
    expect(saved.at(-1)).toBe('p4');
    expect(checkpoint.isHeld('delivery-a')).toBe(false);
  });

  it('saves nothing while a delivery started by the very first event is unfinished', async () => {
    const { store, saved } = checkpointStore(null);
    const checkpoint = new HeldCheckpoint(store, 'notifier');
    await checkpoint.load();
    checkpoint.hold('delivery-a');
    await checkpoint.advance('p1');
    await checkpoint.advance('p2');
    await checkpoint.flush();
    expect(saved).toEqual([]);
    await checkpoint.release('delivery-a');
    await checkpoint.flush();
    expect(saved).toEqual(['p2']);
  });
});
