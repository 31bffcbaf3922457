import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { NotFoundError } from '@trawl/errors';
import { describeBlobStoreContract } from '../../../../test/contract/blob-store.contract';
import { createBlobStore } from '../create-blob-store';
import { FileBlobStore } from './file-blob-store';
import { RESERVE_SUFFIX } from './temp-file-reserve';

/** The temp folder's files but the reserve's, which are empty until a write takes one. */
const tempFiles = async (dir: string) => (await readdir(join(dir, '.tmp'))).filter((name) => !name.endsWith(RESERVE_SUFFIX));

describeBlobStoreContract('file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'trawl-blobs-'));
  const store = await FileBlobStore.open(dir);
  return {
    store,
    // Every file but the metadata sidecars is a body: stored, or left behind in .tmp. The temp files the
    // store holds open ahead of its writes are not, as long as they are empty (one a write took is not).
    countBodies: async () => {
      const entries = await readdir(dir, { recursive: true, withFileTypes: true });
      const files = entries.filter((entry) => entry.isFile() && !entry.name.endsWith('.json'));
      const sizes = await Promise.all(files.map(async (entry) => (entry.name.endsWith(RESERVE_SUFFIX) ? (await stat(join(entry.parentPath, entry.name))).size : 1)));
      return sizes.filter((size) => size > 0).length;
    },
    dispose: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('FileBlobStore layout', () => {
  it('fans blobs out under <dir>/<aa>/<bb>/<sha256> and clears old crash leftovers on open', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trawl-blobs-'));
    try {
      const store = await createBlobStore({ kind: 'file', dir });
      expect(store).toBeInstanceOf(FileBlobStore);
      const { sha256 } = await store.write(Readable.from([Buffer.from('hello')]), { contentType: 'text/plain' });
      const files = (await readdir(dir, { recursive: true })).sort();
      expect(files).toEqual(expect.arrayContaining([join(sha256.slice(0, 2), sha256.slice(2, 4), sha256), join(sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.json`)]));
      await writeFile(join(dir, '.tmp', 'left-over.part'), 'partial');
      const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
      await utimes(join(dir, '.tmp', 'left-over.part'), hourAgo, hourAgo);
      await writeFile(join(dir, '.tmp', 'in-progress.part'), 'another process writing');
      await FileBlobStore.open(dir);
      expect(await tempFiles(dir)).toEqual(['in-progress.part']);
      expect(await store.stat(sha256)).toEqual({ sha256, bytes: 5, contentType: 'text/plain' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('FileBlobStore: bytes already stored', () => {
  it('writes no file for a small blob whose bytes are stored, and still writes new ones and big ones through temp files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trawl-blobs-'));
    try {
      const store = await FileBlobStore.open(dir);
      const small = randomBytes(40_000);
      const first = await store.write(Readable.from([small.subarray(0, 10_000), small.subarray(10_000)]), { contentType: 'text/html' });
      const bigBytes = randomBytes(700 * 1024);
      const bigFirst = await store.write(Readable.from([bigBytes]));
      // A big duplicate goes through a temp file (its address is known only once written), dropped after.
      await expect(store.write(Readable.from([bigBytes.subarray(0, 300_000), bigBytes.subarray(300_000)]))).resolves.toEqual(bigFirst);
      expect(await tempFiles(dir)).toEqual([]);
      // With the temp folder gone, any write through a temp file fails: a duplicate must need none.
      await rm(join(dir, '.tmp'), { recursive: true });
      await expect(store.write(Readable.from([small]), { contentType: 'text/html' })).resolves.toEqual(first);
      await expect(store.write(Readable.from([randomBytes(100)]))).rejects.toThrow(/blob store file system/);
      const big = randomBytes(600 * 1024);
      await expect(store.write(Readable.from([big]))).rejects.toThrow(/blob store file system/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('FileBlobStore: a blob read back right after it was written', () => {
  const readAll = async (stream: Readable): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  it('serves the same bytes and ranges as the file holds, small or past the gathered write, and nothing once deleted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trawl-blobs-'));
    try {
      const store = await FileBlobStore.open(dir);
      for (const size of [48_000, 3 * 1024 * 1024]) {
        const bytes = randomBytes(size);
        // Chunks of a reused buffer: the store must copy what it keeps.
        const shared = Buffer.alloc(1000);
        const source = async function* () {
          for (let at = 0; at < size; at += 1000) {
            bytes.copy(shared, 0, at, Math.min(size, at + 1000));
            yield shared.subarray(0, Math.min(1000, size - at));
          }
        };
        const { sha256 } = await store.write(source());
        expect((await readAll(await store.read(sha256))).equals(bytes)).toBe(true);
        expect((await readAll(await store.read(sha256, { start: 10, end: 19 }))).equals(bytes.subarray(10, 20))).toBe(true);
        const fresh = await FileBlobStore.open(dir);
        expect((await readAll(await fresh.read(sha256))).equals(bytes)).toBe(true);
        await store.delete(sha256);
        await expect(store.read(sha256)).rejects.toBeInstanceOf(NotFoundError);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** A store in a fresh folder, closed and removed after `use`. */
async function withStore(use: (store: FileBlobStore, dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'trawl-blobs-'));
  const store = await FileBlobStore.open(dir);
  try {
    await use(store, dir);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('FileBlobStore: fan-out folders', () => {
  it('makes a folder removed behind its back again, and keeps blob and sidecar together', async () => {
    await withStore(async (store, dir) => {
      const bytes = Buffer.from('a blob whose folder goes away');
      const { sha256 } = await store.write(Readable.from([bytes]), { contentType: 'text/plain' });
      await rm(join(dir, sha256.slice(0, 2)), { recursive: true });
      expect(await store.stat(sha256)).toBeNull();
      // The store made that folder once and remembers it; the rename into it fails, and the folder is made again.
      await store.write(Readable.from([bytes]), { contentType: 'text/plain' });
      expect(await store.stat(sha256)).toEqual({ sha256, bytes: bytes.length, contentType: 'text/plain' });
      expect(await tempFiles(dir)).toEqual([]);
      // Many new blobs at once, several to a folder: every one lands with its sidecar.
      const many = await Promise.all(Array.from({ length: 64 }, (_, i) => store.write(Readable.from([randomBytes(100 + i)]), { contentType: 'application/octet-stream' })));
      for (const info of many) expect(await store.stat(info.sha256)).toEqual({ ...info, contentType: 'application/octet-stream' });
      expect(await tempFiles(dir)).toEqual([]);
    });
  });
});

describe('FileBlobStore: a sidecar cut short by a crash', () => {
  it('leaves its blob readable and writable, without a content type', async () => {
    await withStore(async (store, dir) => {
      const bytes = Buffer.from('a blob whose sidecar lost its bytes');
      const { sha256 } = await store.write(Readable.from([bytes]), { contentType: 'text/plain' });
      const sidecar = join(dir, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.json`);
      for (const content of ['', '{"contentTy']) {
        await writeFile(sidecar, content);
        // A fresh store: the first one keeps the blob's bytes for a read-back.
        const reopened = await FileBlobStore.open(dir);
        expect(await reopened.stat(sha256)).toEqual({ sha256, bytes: bytes.length });
        expect(await reopened.write(Readable.from([bytes]), { contentType: 'text/plain' })).toEqual({ sha256, bytes: bytes.length });
        expect(Buffer.concat(await (await reopened.read(sha256)).toArray())).toEqual(bytes);
        await reopened.close();
      }
    });
  });
});
