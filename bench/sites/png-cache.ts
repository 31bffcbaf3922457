import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

// 128×128 RGB noise: raw 48 KiB, and noise does not compress, so each PNG is ~48 KB, as in issue 9.
const SIDE = 128;
const CACHED = 2000;

/** A small seeded generator (mulberry32): the same image n on every run and machine. */
function noise(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i += 1) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/**
 * `count` distinct PNGs, generated with sharp once and kept in the temp dir (deterministic, so a later run
 * reuses them; the folder is complete once it holds `.complete`).
 */
export async function benchPngs(count: number): Promise<Buffer[]> {
  // One set for every figure: the first `count` of at least CACHED.
  const cached = Math.max(count, CACHED);
  const dir = join(tmpdir(), `trawl-bench-pngs-${SIDE}-${cached}`);
  if (!existsSync(join(dir, '.complete'))) {
    const work = `${dir}.${process.pid}`;
    await mkdir(work, { recursive: true });
    for (let n = 0; n < cached; n += 1) {
      const png = await sharp(noise(n + 1, SIDE * SIDE * 3), { raw: { width: SIDE, height: SIDE, channels: 3 } }).png().toBuffer();
      await writeFile(join(work, `${n}.png`), png);
    }
    await writeFile(join(work, '.complete'), '');
    await rename(work, dir).catch(() => undefined); // another run finished first: use its copy
  }
  return Promise.all(Array.from({ length: count }, (_, n) => readFile(join(dir, `${n}.png`))));
}
