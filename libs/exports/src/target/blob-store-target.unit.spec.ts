import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { FileBlobStore } from '@trawl/blob-store';
import { fixtureImageSample, fixtureImages } from '../test-support/fixture-samples';
import { readTar } from '../test-support/read-tar';
import { writeWebDataset } from '../webdataset/write-webdataset';
import { writeZip } from '../zip/write-zip';
import { blobStoreTarget } from './blob-store-target';

describe('exports into the blob store', () => {
  let folder: string;
  let store: FileBlobStore;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'trawl-export-blobs-'));
    store = await FileBlobStore.open(join(folder, 'blobs'));
  });
  afterAll(async () => {
    await store.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('stores every shard and the index content-addressed, at the sha256 the writer reports', async () => {
    const { manifest, manifestFile } = await writeWebDataset(fixtureImages({ count: 50 }), blobStoreTarget(store), { maxShardSamples: 20 });
    expect(manifest.shards).toHaveLength(3);
    for (const file of [...manifest.shards, manifestFile]) {
      expect(await store.stat(file.sha256)).toMatchObject({ sha256: file.sha256, bytes: file.bytes });
    }
    const copy = join(folder, 'shard.tar');
    await pipeline(await store.read(manifest.shards[2].sha256), createWriteStream(copy));
    expect(await readTar(copy)).toHaveLength(10 * 3);
  });

  it('writing the same samples again stores nothing new: same addresses', async () => {
    const first = await writeZip(fixtureImages({ count: 10 }), blobStoreTarget(store));
    const second = await writeZip(fixtureImages({ count: 10 }), blobStoreTarget(store));
    expect(second.file.sha256).toBe(first.file.sha256);
  });

  it('a failed export leaves no blob behind', async () => {
    const bad = fixtureImageSample(2, 3000);
    bad.image = { ...bad.image!, open: () => Readable.from([Buffer.alloc(3000)]) };
    const written: string[] = [];
    const target = blobStoreTarget({ write: async (source, options) => { const info = await store.write(source, options); written.push(info.sha256); return info; } });
    async function* samples() {
      yield fixtureImageSample(1, 3000);
      yield bad;
    }
    await expect(writeZip(samples(), target)).rejects.toMatchObject({ code: 'export-integrity' });
    expect(written).toEqual([]);
  });
});
