import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnavailableError } from '@trawl/errors';
import { BatchSpool } from './batch-spool';

const url = (n: number) => ({ kind: 'url' as const, url: `http://127.0.0.1/page-${n}` });

async function drain(spool: BatchSpool): Promise<string[]> {
  const urls: string[] = [];
  for await (const chunk of spool.chunks()) urls.push(...chunk.map((entry) => entry.url));
  return urls;
}

describe('BatchSpool', () => {
  // Its own parent directory, so that what a spool leaves behind (or loses) is seen here alone.
  let base: string;
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'batch-spool-spec-'));
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('gives back the accepted entries in order, merges duplicates, lists rejections, and removes its directory', async () => {
    const spool = await BatchSpool.open('batch-1', base);
    await spool.add(1, url(1));
    await spool.add(2, { kind: 'rejected', url: 'ftp://x', reason: 'not http' });
    await spool.add(3, url(2));
    await spool.add(4, url(1));
    await spool.add(5, { kind: 'skip' });
    expect(await drain(spool)).toEqual(['http://127.0.0.1/page-1', 'http://127.0.0.1/page-2']);
    expect({ accepted: spool.accepted, duplicates: spool.duplicates, rejectedCount: spool.rejectedCount }).toEqual({ accepted: 2, duplicates: 1, rejectedCount: 1 });
    expect(spool.rejected).toEqual([{ line: 2, url: 'ftp://x', reason: 'not http' }]);
    await spool.dispose();
    expect(await readdir(base)).toEqual([]);
  });

  // The server ended with an uncaught ENOENT when a request refused at once disposed of a spool whose
  // file was still opening: the directory went first, then the open failed with no listener.
  it('can be disposed of at once, while its file may still be opening, without an uncaught error', async () => {
    for (let round = 0; round < 200; round += 1) {
      const spools = await Promise.all([0, 1, 2, 3].map(() => BatchSpool.open(`batch-${round}`, base)));
      await Promise.all(spools.map(async (spool, index) => {
        if (index % 2 === 1) await spool.add(1, url(index));
        await spool.dispose();
      }));
    }
    // Let any late stream event fire inside this test.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readdir(base)).toEqual([]);
  });

  it('fails the batch as unavailable, not the process, when its file cannot be written', async () => {
    const spool = await BatchSpool.open('batch-lost', base);
    // Its directory disappears (a temp cleaner; a full disk fails the writes alike): the file's open fails.
    for (const entry of await readdir(base)) await rm(join(base, entry), { recursive: true, force: true });
    await spool.add(1, url(1));
    const error = await drain(spool).then(() => 'drained', (failure: unknown) => failure);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as Error).message).toMatch(/^the batch could not be spooled to a temporary file: ENOENT/);
    await expect(spool.add(2, url(2))).rejects.toBeInstanceOf(UnavailableError);
    await spool.dispose();
  });

  it('opens no file for a batch without an accepted entry', async () => {
    const spool = await BatchSpool.open('batch-empty', base);
    await spool.add(1, { kind: 'rejected', url: null, reason: 'not a URL' });
    const [dir] = await readdir(base);
    expect(await readdir(join(base, dir))).toEqual([]);
    expect(await drain(spool)).toEqual([]);
    await spool.dispose();
  });
});
