import { randomBytes } from 'node:crypto';
import { hammingDistance } from './perceptual-hash';
import { NearDuplicateIndex } from './near-duplicate-index';

const randomHash = () => randomBytes(8).toString('hex');

/** The hash with `bits` of its 64 bits flipped (the lowest ones, from `from` on). */
function flipped(hash: string, bits: number, from = 0): string {
  let value = BigInt(`0x${hash}`);
  for (let bit = from; bit < from + bits; bit += 1) value ^= 1n << BigInt(bit);
  return value.toString(16).padStart(16, '0');
}

describe('NearDuplicateIndex', () => {
  it('finds the earliest added hash within the threshold, and nothing farther', () => {
    const index = new NearDuplicateIndex<string>(10);
    const base = '0123456789abcdef';
    index.add(flipped(base, 8), 'eight bits off');
    index.add(base, 'the same');
    index.add(flipped(base, 30, 20), 'far');
    expect(index.earliestNear(flipped(base, 2))).toBe('eight bits off');
    expect(index.earliestNear(flipped(base, 40))).toBeNull();
    expect(index.earliestNear(flipped(base, 30, 20))).toBe('far');
  });

  it('answers exactly as comparing with every earlier hash does (random hashes and near copies)', () => {
    const threshold = 10;
    const hashes: string[] = [];
    for (let n = 0; n < 1500; n += 1) hashes.push(n % 3 === 0 || hashes.length === 0 ? randomHash() : flipped(hashes[Math.floor(Math.random() * hashes.length)], n % 14, n % 40));
    const index = new NearDuplicateIndex<number>(threshold);
    for (const [n, hash] of hashes.entries()) {
      const expected = hashes.slice(0, n).findIndex((earlier) => hammingDistance(earlier, hash) <= threshold);
      expect({ n, found: index.earliestNear(hash) }).toEqual({ n, found: expected === -1 ? null : expected });
      index.add(hash, n);
    }
  });

  it('stops adding at its capacity, and refuses a malformed hash', () => {
    const index = new NearDuplicateIndex<number>(4, 2);
    for (let n = 0; n < 5; n += 1) index.add(randomHash(), n);
    expect(index.size).toBe(2);
    expect(() => index.earliestNear('xyz')).toThrow(RangeError);
  });
});
