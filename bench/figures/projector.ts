import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mongoUrlWithDatabase } from '../../test/support/mongo-url';
import { runTrawlCli } from '../../test/support/trawl-process';
import type { BenchContext } from '../context';
import { fillEventStore } from '../projector/fill-event-store';
import { timeProjectorCatchUp, type CatchUp } from '../projector/projector-catch-up';
import type { Figure } from '../report';
import type { Bench } from './bench';

const IMAGES_PER_TASK = 8; // 13 events a task: requested, started, page, discovered, 8 × stored, completed
const SQLITE_TASKS = 3000; // 39,000 events
// 20,800 events: enough that the projector's start-up (seconds on a loaded machine) does not make the
// figure, as with SQLite's 39,000; a slower projector is still bounded by CAP_MS.
const FERRET_TASKS = 1600;
const CAP_MS = 45_000;

const BASE_ENV = { TRAWL_LOG_LEVEL: 'warn', TRAWL_EGRESS_ONLY: '127.0.0.0/8' };

function rate(name: string, catchUp: CatchUp, bound: number, settings: string): Figure {
  const note = catchUp.caughtUp ? '' : ` (did not catch up within ${CAP_MS / 1000} s: rate over the ${catchUp.events} events it projected)`;
  return { name, unit: 'events/s', trawl: catchUp.events / catchUp.seconds, target: { on: 'value', op: '>=', bound }, settings: `${settings}${note}` };
}

/** Fills a fresh SQLite event store; returns its data dir and the number of events. */
async function filledStore(tasks: number): Promise<{ dataDir: string; events: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trawl-bench-projector-'));
  const events = await fillEventStore(join(dataDir, 'events.sqlite'), tasks, IMAGES_PER_TASK);
  return { dataDir, events };
}

async function sqliteFigures(): Promise<Figure[]> {
  const { dataDir, events } = await filledStore(SQLITE_TASKS);
  try {
    const env = { ...BASE_ENV, TRAWL_DATA_DIR: dataDir };
    const catchUp = await timeProjectorCatchUp(env, events, CAP_MS);
    console.log(`  projector on SQLite: ${catchUp.events} events in ${catchUp.seconds.toFixed(1)} s`);
    const started = performance.now();
    const rebuild = await runTrawlCli(['rebuild-read-models'], env);
    const seconds = (performance.now() - started) / 1000;
    if (rebuild.code !== 0) throw new Error(`rebuild-read-models exited ${rebuild.code}: ${rebuild.stderr || rebuild.stdout}`);
    console.log(`  rebuild-read-models: ${events} events in ${seconds.toFixed(1)} s (the CLI process, start-up included): ${rebuild.stdout.trim().split('\n').pop()}`);
    const settings = `${SQLITE_TASKS} finished task streams of 13 events (${events} events), SQLite event store and read models`;
    return [
      rate('projector events/s, SQLite', catchUp, 5000, `${settings}; timed from the projector's spawn (start-up included) to lag 0`),
      { name: 'rebuild-read-models events/s, embedded', unit: 'events/s', trawl: events / seconds, target: { on: 'value', op: '>=', bound: 20_000 }, settings: `${settings}; the CLI run timed whole` },
    ];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function ferretFigure(ctx: BenchContext): Promise<Figure> {
  const infra = await ctx.infra();
  const { dataDir, events } = await filledStore(FERRET_TASKS);
  try {
    const env = { ...BASE_ENV, TRAWL_DATA_DIR: dataDir, MONGO_URL: mongoUrlWithDatabase(infra.MONGO_URL, `trawl_bench_${randomBytes(4).toString('hex')}`) };
    const catchUp = await timeProjectorCatchUp(env, events, CAP_MS);
    console.log(`  projector on FerretDB: ${catchUp.events} of ${events} events in ${catchUp.seconds.toFixed(1)} s`);
    return rate('projector events/s, FerretDB', catchUp, 1000, `${FERRET_TASKS} finished task streams (${events} events), SQLite event store, read models on FerretDB`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const projectorBenches: Bench[] = [
  { name: 'projector and rebuild-read-models, SQLite', run: () => sqliteFigures() },
  { name: 'projector, FerretDB', run: async (ctx) => [await ferretFigure(ctx)] },
];
