/** A 64-bit perceptual hash as two 32-bit halves: XOR and popcount stay in small integers. */
interface Halves {
  hi: number;
  lo: number;
}

interface Node<T> extends Halves {
  value: T;
  order: number;
  children: Map<number, Node<T>>;
}

const HASH = /^[0-9a-f]{16}$/;

/**
 * The images seen so far, searchable by Hamming distance: a BK-tree (Burkhard–Keller), so that a
 * lookup visits only the subtrees whose distance to the query can be within the threshold, instead
 * of comparing with every earlier image (100,000 images of a batch would be 5·10⁹ comparisons).
 * `capacity` bounds its memory; past it, later images are looked up but no longer added.
 */
export class NearDuplicateIndex<T> {
  private root: Node<T> | null = null;
  private added = 0;

  constructor(
    private readonly threshold: number,
    private readonly capacity = 100_000,
  ) {}

  get size(): number {
    return this.added;
  }

  /** The earliest added value whose hash is within the threshold of `hash`, or null. */
  earliestNear(hash: string): T | null {
    const query = halvesOf(hash);
    let best: Node<T> | null = null;
    const stack = this.root ? [this.root] : [];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const distance = hamming(node, query);
      if (distance <= this.threshold && (best === null || node.order < best.order)) best = node;
      for (const [edge, child] of node.children) if (Math.abs(edge - distance) <= this.threshold) stack.push(child);
    }
    return best?.value ?? null;
  }

  /** Adds a hash (unless the index is full); a hash already in it keeps its first value. */
  add(hash: string, value: T): void {
    if (this.added >= this.capacity) return;
    const node: Node<T> = { ...halvesOf(hash), value, order: this.added, children: new Map() };
    if (!this.root) {
      this.root = node;
      this.added += 1;
      return;
    }
    let parent = this.root;
    for (;;) {
      const distance = hamming(parent, node);
      if (distance === 0) return;
      const child = parent.children.get(distance);
      if (!child) {
        parent.children.set(distance, node);
        this.added += 1;
        return;
      }
      parent = child;
    }
  }
}

function halvesOf(hash: string): Halves {
  if (!HASH.test(hash)) throw new RangeError('hashes must be 16 lower-case hex digits');
  return { hi: Number.parseInt(hash.slice(0, 8), 16), lo: Number.parseInt(hash.slice(8), 16) };
}

function hamming(a: Halves, b: Halves): number {
  return popcount32((a.hi ^ b.hi) >>> 0) + popcount32((a.lo ^ b.lo) >>> 0);
}

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
