import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const COUNT = 2000;
const IMAGE_BYTES = 64 * 1024;
const MiB = 1024 * 1024;
const root = resolve(__dirname, '../../..');

/** Runs one writer over 2,000 fixture images in a plain Node process (see export-memory-run.ts). */
async function measure(format: string): Promise<{ written: number; readings: number[] }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--require', '@swc-node/register', 'libs/exports/src/test-support/export-memory-run.ts', format, String(COUNT), String(IMAGE_BYTES)],
    { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
  );
  return JSON.parse(stdout) as { written: number; readings: number[] };
}

/**
 * Memory stays flat whatever the number of samples: after a warm-up, live memory (heap plus Buffers,
 * after a full GC) stays within a bounded working set while 125 MiB of images stream through. A
 * writer that kept its samples, or let its output pile up ahead of the target, would grow by up to
 * 125 MiB; one that leaked per sample would rise reading after reading.
 */
describe('exports hold a bounded working set, not the samples', () => {
  it.each([
    ['webdataset', 8 * MiB],
    ['zip', 8 * MiB],
    // A Parquet row group (8 MiB here) is held until it is flushed, and encoded once more on the way out.
    ['parquet', 32 * MiB],
  ])('%s: 2,000 images of 64 KiB', async (format, bound) => {
    const { written, readings } = await measure(format);
    const growth = Math.max(...readings) - readings[0];
    const shown = readings.map((reading) => (reading / MiB).toFixed(0)).join(' ');
    process.stdout.write(`${format}: live memory grew ${(growth / MiB).toFixed(1)} MiB while ${(written / MiB).toFixed(0)} MiB were written (MiB every 100 samples: ${shown})\n`);
    expect(readings).toHaveLength(18);
    expect(written).toBeGreaterThan(COUNT * IMAGE_BYTES);
    expect(growth).toBeLessThan(bound);
  }, 180_000);
});
