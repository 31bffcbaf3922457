import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** Runs a script that restarts itself with the heap flags and prints its pid, flags and heap limit. */
function run(env: Record<string, string> = {}): { execArgv: string[]; heapLimitMb: number } {
  const script = `require('./libs/workers/src/bounded-heap.ts').restartWithHeapFlags(['--max-semi-space-size=4', '--max-old-space-size=256']);
process.stdout.write(JSON.stringify({ execArgv: process.execArgv, heapLimitMb: require('node:v8').getHeapStatistics().heap_size_limit / 1048576 }));`;
  const out = execFileSync(process.execPath, ['--require', '@swc-node/register', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return JSON.parse(out);
}

describe('restartWithHeapFlags', () => {
  it('restarts the process once with the flags, so V8 sizes its heap by them', () => {
    const { execArgv, heapLimitMb } = run({ NODE_OPTIONS: '' });
    expect(execArgv).toEqual(expect.arrayContaining(['--max-semi-space-size=4', '--max-old-space-size=256']));
    expect(heapLimitMb).toBeLessThan(400);
  });

  it('leaves a flag the operator gave as it is', () => {
    const { execArgv, heapLimitMb } = run({ NODE_OPTIONS: '--max-old-space-size=1024' });
    expect(execArgv).toContain('--max-semi-space-size=4');
    expect(execArgv.some((flag) => flag.startsWith('--max-old-space-size'))).toBe(false);
    expect(heapLimitMb).toBeGreaterThan(1000);
  });
});
