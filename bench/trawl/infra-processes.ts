import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { descendantsOf, processTable, type CountedProcess } from './process-cpu';

/** Inodes of the TCP sockets listening on `port` (IPv4 and IPv6), from /proc/net/tcp{,6}. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cells = line.trim().split(/\s+/);
      // local_address is HEXADDR:HEXPORT; state 0A is LISTEN; the inode is the 10th column.
      if (cells.length > 9 && cells[3] === '0A' && parseInt(cells[1].split(':')[1], 16) === port) inodes.add(cells[9]);
    }
  }
  return inodes;
}

function holdsSocket(pid: number, inodes: Set<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  return fds.some((fd) => {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      return match !== null && inodes.has(match[1]);
    } catch {
      return false;
    }
  });
}

/** The process this bench started (one of its descendants) that listens on `port`; undefined if none. */
function ownListener(port: number, candidates: number[]): number | undefined {
  const inodes = listeningInodes(port);
  return inodes.size === 0 ? undefined : candidates.find((pid) => holdsSocket(pid, inodes));
}

const portOf = (endpoint: string): number => Number(new URL(endpoint.includes('://') ? endpoint : `tcp://${endpoint}`).port);

/** FerretDB's `--postgresql-url=…` argument (its PostgreSQL handler), from its command line. */
function postgresUrlOf(ferretdbPid: number): string | undefined {
  try {
    const args = readFileSync(`/proc/${ferretdbPid}/cmdline`, 'utf8').split('\0');
    return args.find((arg) => arg.startsWith('--postgresql-url='))?.slice('--postgresql-url='.length);
  } catch {
    return undefined;
  }
}

/**
 * The servers under a distributed trawl (its KAFKA_BROKERS and MONGO_URL), to count in its CPU figure: Kafka, FerretDB and (with its
 * PostgreSQL handler) PostgreSQL, found by the port they listen on. Only servers this bench started count:
 * one given in the environment may serve others too, so its CPU would not be trawl's; those are named in
 * `notCounted`.
 */
export function infraProcesses(endpoints: { KAFKA_BROKERS: string; MONGO_URL?: string }): { counted: CountedProcess[]; notCounted: string[] } {
  const own = descendantsOf(process.pid, processTable()).filter((pid) => pid !== process.pid);
  const counted: CountedProcess[] = [];
  const notCounted: string[] = [];
  const find = (label: string, endpoint: string): number | undefined => {
    const pid = ownListener(portOf(endpoint), own);
    if (pid === undefined) notCounted.push(`${label} (${endpoint}, not started by this bench)`);
    else counted.push({ label, pid });
    return pid;
  };
  for (const broker of endpoints.KAFKA_BROKERS.split(',')) find('Kafka', broker.trim());
  // A deployment may keep its read models and blobs in its data dir instead (MONGO_URL empty): no FerretDB then.
  const ferretdb = endpoints.MONGO_URL ? find('FerretDB', endpoints.MONGO_URL) : undefined;
  const postgres = ferretdb === undefined ? undefined : postgresUrlOf(ferretdb);
  if (postgres) find('PostgreSQL', postgres);
  return { counted, notCounted };
}
