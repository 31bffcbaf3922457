import type { BenchContext } from '../context';
import { benchEnv } from '../trawl/bench-env';
import { startEmbeddedBenchTrawl } from '../trawl/embedded';
import type { Bench } from './bench';
import { imagesFigure, textFigure, type TrawlMode } from './side-by-side';

export const embeddedMode: TrawlMode = { label: 'embedded', start: (_ctx: BenchContext) => startEmbeddedBenchTrawl(benchEnv()) };

export const embeddedBenches: Bench[] = [
  { name: 'text, embedded', run: async (ctx) => [await textFigure(ctx, embeddedMode, { on: 'ratio', op: '>=', bound: 1.5 })] },
  { name: 'images, embedded', run: async (ctx) => [await imagesFigure(ctx, embeddedMode, { on: 'ratio', op: '>=', bound: 2 })] },
];
