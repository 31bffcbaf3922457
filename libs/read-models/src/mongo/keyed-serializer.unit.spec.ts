import { setTimeout as sleep } from 'node:timers/promises';
import { KeyedSerializer } from './keyed-serializer';

describe('KeyedSerializer', () => {
  it('runs work for one key in call order, never overlapping, and other keys alongside', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    const job = (key: string, name: string, ms: number) =>
      serializer.run(key, async () => {
        log.push(`start ${name}`);
        await sleep(ms);
        log.push(`end ${name}`);
        return name;
      });
    const results = await Promise.all([job('a', 'a1', 30), job('a', 'a2', 1), job('b', 'b1', 5)]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('goes on with the next work after a failure, and passes the failure to its caller', async () => {
    const serializer = new KeyedSerializer();
    const failed = serializer.run('k', async () => {
      throw new Error('boom');
    });
    const next = serializer.run('k', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
