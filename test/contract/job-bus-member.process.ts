import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { JobBusConfig } from '@trawl/job-bus';

const REPO_ROOT = join(__dirname, '..', '..');
const CHILD_SCRIPT = join(__dirname, 'job-bus-member.child.ts');

type ChildMessage = { type: 'ready' } | { type: 'handling'; id: string } | { type: 'failed'; message: string };

/** A member running in a child process (Node 24, TypeScript through @swc-node/register). */
export class MemberProcess {
  private readonly child: ChildProcess;
  private readonly messages: ChildMessage[] = [];
  private readonly listeners = new Set<() => void>();
  private stderr = '';
  private exit?: string;

  constructor(config: JobBusConfig, topic: string, group: string) {
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', CHILD_SCRIPT], {
      cwd: REPO_ROOT,
      env: { ...process.env, JOB_BUS_CONFIG: JSON.stringify(config), JOB_BUS_TOPIC: topic, JOB_BUS_GROUP: group },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4_000)));
    this.child.on('message', (message: ChildMessage) => this.record(message));
    this.child.on('exit', (code, signal) => {
      this.exit = `exited (code ${code}, signal ${signal})`;
      this.notify();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  ready(timeoutMs: number): Promise<void> {
    return this.next((m) => m.type === 'ready', 'to join', timeoutMs).then(() => undefined);
  }

  /** Resolves with the id of the first job the child's handler received. */
  handling(timeoutMs: number): Promise<string> {
    return this.next((m) => m.type === 'handling', 'to take a job', timeoutMs).then((m) => (m as { id: string }).id);
  }

  kill(): Promise<void> {
    if (this.exit) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }

  private next(match: (m: ChildMessage) => boolean, what: string, timeoutMs: number): Promise<ChildMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`child did not manage ${what} within ${timeoutMs} ms`)), timeoutMs);
      const check = (): void => {
        const found = this.messages.find(match);
        const failed = this.messages.find((m) => m.type === 'failed');
        if (found) finish(undefined, found);
        else if (failed || this.exit) finish(new Error(`child failed ${what}: ${JSON.stringify(failed) ?? this.exit}`));
      };
      const finish = (error?: Error, message?: ChildMessage): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (error) reject(new Error(`${error.message}\n${this.stderr}`));
        else resolve(message as ChildMessage);
      };
      this.listeners.add(check);
      check();
    });
  }

  private record(message: ChildMessage): void {
    this.messages.push(message);
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
