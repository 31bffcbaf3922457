import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** A server process started by the test harness, with its output in a log file. */
export interface ManagedProcess {
  readonly child: ChildProcess;
  readonly logFile: string;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<void>;
}

const running = new Set<ChildProcess>();
// Last resort if the jest process exits without its teardown (an uncaught error, process.exit): a server left
// behind would hold its ports and temp dir for good. Ctrl-C needs nothing: the children share jest's process
// group, so the terminal signals them too.
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** Whom a server runs as, where it may not run as root (PostgreSQL). */
export interface RunAs {
  uid: number;
  gid: number;
}

/** Starts `command` with stdout and stderr appended to `logFile` (a file, not a pipe: nothing to drain). */
export function spawnLogged(command: string, args: string[], logFile: string, cwd: string, runAs?: RunAs): ManagedProcess {
  const fd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, { cwd, stdio: ['ignore', fd, fd], ...(runAs ?? {}) });
  } finally {
    closeSync(fd);
  }
  running.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve()); // e.g. ENOENT: the command is not installed
  }).finally(() => running.delete(child));
  return { child, logFile, exited };
}

/** The last lines of a log, to put into an error message. */
export function logTail(logFile: string, lines = 25): string {
  if (!existsSync(logFile)) return '(no log)';
  return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Polls `probe` until it returns true. Fails early when the process exits, and after `timeoutMs`; both errors
 * carry the end of the process's log, since that is where the reason is.
 */
export async function waitUntilReady(
  server: ManagedProcess,
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void server.exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (await probe()) return;
    if (gone) break;
    await sleep(250);
  }
  const { exitCode, signalCode } = server.child;
  const why = gone ? `exited with ${exitCode ?? signalCode}` : `not ready after ${timeoutMs} ms`;
  throw new Error(`${what} ${why}; end of ${server.logFile}:\n${logTail(server.logFile)}`);
}

/** Asks the process to stop (SIGTERM) and kills it (SIGKILL) if it has not exited after `graceMs`. */
export async function stopProcess(server: ManagedProcess, graceMs: number): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const stopped = await Promise.race([server.exited.then(() => true), sleep(graceMs, false, { ref: false })]);
  if (!stopped) {
    child.kill('SIGKILL');
    await server.exited;
  }
}
