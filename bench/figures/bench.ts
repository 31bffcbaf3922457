import type { BenchContext } from '../context';
import type { Figure } from '../report';

/** One selectable part of `npm run bench`: `npm run bench -- <word>` runs those whose name contains it. */
export interface Bench {
  name: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}
