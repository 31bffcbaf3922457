import { fstatSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FileBlobLayout } from './file-blob-layout';
import { FileBlobStore } from './file-blob-store';
import { RESERVE_SUFFIX, TempFileReserve } from './temp-file-reserve';

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('TempFileReserve', () => {
  let dir: string;
  let layout: FileBlobLayout;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trawl-reserve-'));
    layout = new FileBlobLayout(dir);
    await mkdir(layout.tempDir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('hands out new empty files, each once, and keeps a few open ahead', async () => {
    const reserve = new TempFileReserve(layout);
    const first = await reserve.take();
    await settle();
    const second = await reserve.take();
    expect(second.path).not.toBe(first.path);
    expect(fstatSync(second.fd).size).toBe(0);
    await settle();
    // The two taken, and the reserve refilled behind them.
    expect((await readdir(layout.tempDir)).length).toBeGreaterThanOrEqual(4);
    reserve.close();
    await settle();
    expect((await readdir(layout.tempDir)).sort()).toEqual([first.path, second.path].map((path) => path.slice(layout.tempDir.length + 1)).sort());
  });

  it('does not hand out a file opened long ago (another process sweeps old temp files), and removes it', async () => {
    let now = 1_000_000;
    const reserve = new TempFileReserve(layout, () => now);
    await reserve.take();
    await settle();
    const old = (await readdir(layout.tempDir)).length;
    expect(old).toBeGreaterThan(1);
    now += 11 * 60 * 1000;
    const fresh = await reserve.take();
    expect(fresh.openedAt).toBe(now);
    await settle();
    // The old reserve went; the taken files and a new reserve are left.
    const names = await readdir(layout.tempDir);
    expect(names.every((name) => name.endsWith(RESERVE_SUFFIX))).toBe(true);
    reserve.close();
  });

  it('fails a take when no file can be made, and serves again once it can', async () => {
    const reserve = new TempFileReserve(layout);
    await rm(layout.tempDir, { recursive: true });
    await expect(reserve.take()).rejects.toMatchObject({ code: 'ENOENT' });
    await mkdir(layout.tempDir);
    await settle();
    await expect(reserve.take()).resolves.toMatchObject({ path: expect.stringMatching(/\.reserve$/) });
    reserve.close();
  });

  it('is what the file blob store writes through: a closed store leaves no temp file behind', async () => {
    const store = await FileBlobStore.open(dir);
    for (let index = 0; index < 10; index += 1) await store.write(Readable.from([Buffer.from(`blob ${index}`)]));
    await store.close();
    await settle();
    expect(await readdir(layout.tempDir)).toEqual([]);
  });
});
