import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** One process as /proc/<pid>/stat shows it: its parent, and its CPU with that of its reaped children. */
interface ProcStat {
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks (all threads of the process included). */
  ticks: number;
}

let ticksPerSecond: number | undefined;

/** USER_HZ (`getconf CLK_TCK`, 100 on Linux): the unit of the CPU fields of /proc/<pid>/stat. */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    let read = Number.NaN;
    try {
      read = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      // no getconf: Linux's USER_HZ is 100 on every architecture Node runs on
    }
    ticksPerSecond = Number.isFinite(read) && read > 0 ? read : 100;
  }
  return ticksPerSecond;
}

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone meanwhile
  }
  // The command name (field 2) is in parentheses and may hold spaces: count the fields after its last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const field = (n: number) => Number(fields[n - 3]);
  // 4 ppid; 14 utime, 15 stime; 16 cutime, 17 cstime (children this process has waited for).
  return { ppid: field(4), ticks: field(14) + field(15) + field(16) + field(17) };
}

/** Every process of the machine (as far as /proc shows them): pid → parent and CPU ticks. */
export function processTable(): Map<number, ProcStat> {
  const table = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) table.set(Number(entry), stat);
  }
  return table;
}

/** `root` and every process below it in `table`. */
export function descendantsOf(root: number, table: Map<number, ProcStat>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    if (!table.has(pid)) continue;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/**
 * CPU ticks of a process tree: every live process's own time plus what it has reaped of its children
 * (cutime/cstime), so that a child which exits within the window still counts, in its parent's figure.
 */
function treeTicks(root: number, table: Map<number, ProcStat>): number {
  return descendantsOf(root, table).reduce((sum, pid) => sum + table.get(pid)!.ticks, 0);
}

/** A process counted in a CPU figure, under the name the figure prints for it. */
export interface CountedProcess {
  label: string;
  pid: number;
}

export interface CpuShare {
  label: string;
  seconds: number;
}

/**
 * CPU seconds (user + system) that some processes and their descendants spend between start() and stop(),
 * read from /proc: exact to the clock tick (10 ms), whatever else the machine runs meanwhile.
 */
export class CpuMeter {
  private constructor(
    private readonly processes: CountedProcess[],
    private readonly before: number[],
  ) {}

  static start(processes: CountedProcess[]): CpuMeter {
    const table = processTable();
    return new CpuMeter(processes, processes.map(({ pid }) => treeTicks(pid, table)));
  }

  stop(): CpuShare[] {
    const table = processTable();
    const hz = clockTicksPerSecond();
    return this.processes.map(({ label, pid }, n) => ({ label, seconds: (treeTicks(pid, table) - this.before[n]) / hz }));
  }
}

export const totalSeconds = (shares: CpuShare[]): number => shares.reduce((sum, share) => sum + share.seconds, 0);

/** `12.3 CPU-s (api 1.2, relay 0.4, …)`: the whole and, when there are several, each part. */
export function describeCpu(shares: CpuShare[]): string {
  const parts = shares.length > 1 ? ` (${shares.map((s) => `${s.label} ${s.seconds.toFixed(1)}`).join(', ')})` : '';
  return `${totalSeconds(shares).toFixed(1)} CPU-s${parts}`;
}
