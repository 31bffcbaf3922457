import { createHash } from 'node:crypto';
import { TooLargeError } from '@trawl/errors';
import { BlobMeter, isSha256Address, resolveRange } from './blob-address';
import { RangeNotSatisfiableError } from './blob-store.errors';

describe('blob addresses', () => {
  it('accept only 64 lower-case hex digits', () => {
    const sha = createHash('sha256').update('x').digest('hex');
    expect(isSha256Address(sha)).toBe(true);
    for (const bad of [sha.toUpperCase(), sha.slice(1), `${sha}0`, `../${sha.slice(3)}`, `${sha.slice(0, 63)}/`, undefined, 42]) {
      expect(isSha256Address(bad)).toBe(false);
    }
  });

  it('meter hashes and counts across chunks, strings as UTF-8, and stops past the limit', () => {
    const meter = new BlobMeter(5);
    meter.add(Buffer.from('ab'));
    meter.add('cé');
    expect(meter.bytes).toBe(5);
    expect(() => meter.add(new Uint8Array(1))).toThrow(TooLargeError);
    const whole = new BlobMeter();
    whole.add('abcé');
    expect(whole.sha256()).toBe(createHash('sha256').update('abcé').digest('hex'));
  });

  it('resolve inclusive ranges, clamping the end as HTTP does', () => {
    expect(resolveRange(undefined, 10)).toBeUndefined();
    expect(resolveRange({ start: 0, end: 0 }, 10)).toEqual({ start: 0, end: 0 });
    expect(resolveRange({ start: 9, end: 99 }, 10)).toEqual({ start: 9, end: 9 });
    for (const range of [{ start: 10, end: 10 }, { start: 3, end: 2 }, { start: -1, end: 2 }, { start: 0.5, end: 2 }]) {
      expect(() => resolveRange(range, 10)).toThrow(RangeNotSatisfiableError);
    }
    expect(() => resolveRange({ start: 0, end: 0 }, 0)).toThrow(RangeNotSatisfiableError);
  });
});
