import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('hands released slots to waiters in arrival order', async () => {
    const slots = new Semaphore(1);
    const order: string[] = [];
    await slots.acquire();
    const first = slots.acquire().then(() => order.push('first'));
    const second = slots.acquire().then(() => order.push('second'));
    slots.release();
    await first;
    slots.release();
    await second;
    expect(order).toEqual(['first', 'second']);
    expect(slots.free).toBe(0);
    slots.release();
    expect(slots.free).toBe(1);
  });

  it('gives up a wait when its signal aborts, without taking a slot', async () => {
    const slots = new Semaphore(1);
    await slots.acquire();
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBe(false);
    slots.release();
    expect(slots.free).toBe(1);
  });
});
