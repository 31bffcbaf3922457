import type { BenchContext } from '../context';
import { benchEnv } from '../trawl/bench-env';
import { startEmbeddedBenchTrawl } from '../trawl/embedded';
import type { Bench } from './bench';
import { imagesFigures, textFigures, type TrawlMode } from './side-by-side';

export const embeddedMode: TrawlMode = { label: 'embedded', start: (_ctx: BenchContext) => startEmbeddedBenchTrawl(benchEnv()) };

export const embeddedBenches: Bench[] = [
  { name: 'text, embedded', run: (ctx) => textFigures(ctx, embeddedMode, { on: 'ratio', op: '>=', bound: 1.5 }) },
  { name: 'images, embedded', run: (ctx) => imagesFigures(ctx, embeddedMode, { on: 'ratio', op: '>=', bound: 2 }) },
];
