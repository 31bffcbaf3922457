/**
 * `npm run bench [-- <word>]`: trawl side by side with the tools its users would pick instead (issue 9),
 * on loopback sites only. Every figure prints one line (trawl | peer | ratio) and its settings as soon as it
 * is measured; a table of all of them closes the run. With a word, only the benches whose name contains it.
 */
import { availableParallelism, loadavg } from 'node:os';
import { BenchContext } from './context';
import type { Bench } from './figures/bench';
import { distributedBenches } from './figures/distributed';
import { embeddedBenches } from './figures/embedded';
import { exportThroughputBench } from './figures/export-throughput';
import { fetcherMemoryBench } from './figures/fetcher-memory';
import { latencyBench } from './figures/latency';
import { projectorBenches } from './figures/projector';
import { scaleOutBench } from './figures/scale-out';
import { statusGetBench } from './figures/status-get';
import { batchAcceptBench } from './figures/batch-accept';
import { batchThroughputBench } from './figures/batch-throughput';
import { mainContentBench } from './figures/main-content';
import { thumbnailsBench } from './figures/thumbnails';
import { figureLine, finalTable, type Figure } from './report';

const BENCHES: Bench[] = [...embeddedBenches, ...distributedBenches, scaleOutBench, latencyBench, statusGetBench, batchAcceptBench, batchThroughputBench, ...projectorBenches, fetcherMemoryBench, exportThroughputBench, mainContentBench, thumbnailsBench];

async function main(): Promise<void> {
  const only = process.argv[2];
  const selected = BENCHES.filter((bench) => !only || bench.name.includes(only));
  if (selected.length === 0) throw new Error(`no bench name contains "${only}"; names: ${BENCHES.map((b) => b.name).join('; ')}`);
  console.log(`trawl bench: Node ${process.version}, ${availableParallelism()} CPUs, ${new Date().toISOString()}, ${machineLoad()}; ${selected.length} of ${BENCHES.length} benches`);
  const ctx = new BenchContext();
  const figures: Figure[] = [];
  const failures: string[] = [];
  try {
    for (const bench of selected) {
      console.log(`\n# ${bench.name} (${machineLoad()})`);
      try {
        for (const figure of await bench.run(ctx)) {
          figures.push(figure);
          console.log(`  settings: ${figure.settings}`);
          console.log(figureLine(figure));
        }
      } catch (error) {
        failures.push(bench.name);
        console.error(`${bench.name}: failed: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
  } finally {
    await ctx.close();
  }
  console.log(`\n${finalTable(figures)}`);
  console.log(`\nended ${new Date().toISOString()}, ${machineLoad()}`);
  if (failures.length > 0) {
    console.log(`\nfailed: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
}

/**
 * The machine's load as a bench starts. It moves the ratios, not only the figures: under other tenants' load
 * the scheduler shares the cores per runnable thread, and trawl runs more threads than its peers (ADR 0011's
 * midday addendum), so a ratio is only comparable with another measured at a like load.
 */
function machineLoad(): string {
  const [one, five, fifteen] = loadavg().map((value) => value.toFixed(2));
  return `load average ${one} ${five} ${fifteen}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
