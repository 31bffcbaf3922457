import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { folderTarget } from '../target/writable-target';
import {
  defaultSize,
  fixtureImageSample,
  fixtureImages,
  fixtureKey,
  imageChunks,
  sha256Of,
} from '../test-support/fixture-samples';
import { readTar } from '../test-support/read-tar';
import { safeSampleKey } from '../sample-key';
import { writeWebDataset, type WebDatasetManifest } from './write-webdataset';

const COUNT = 300;
const MAX_SHARD_BYTES = 256 * 1024;

describe('writeWebDataset', () => {
  let folder: string;
  let manifest: WebDatasetManifest;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'trawl-wds-'));
    ({ manifest } = await writeWebDataset(fixtureImages({ count: COUNT }), folderTarget(folder), { maxShardBytes: MAX_SHARD_BYTES, maxShardSamples: 40 }));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('cuts shards at the size or count limit, and the index describes each file as written', async () => {
    expect(manifest.samples).toBe(COUNT);
    expect(manifest.shards.length).toBeGreaterThan(COUNT / 40);
    expect(manifest.shards.map(({ samples }) => samples).reduce((a, b) => a + b)).toBe(COUNT);
    for (const shard of manifest.shards) {
      const bytes = await readFile(join(folder, shard.name));
      expect(shard.bytes).toBe(bytes.length);
      expect(shard.bytes).toBeLessThanOrEqual(MAX_SHARD_BYTES);
      expect(shard.samples).toBeLessThanOrEqual(40);
      expect(shard.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    const index = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as WebDatasetManifest;
    expect(index).toEqual(manifest);
    expect(manifest.pattern).toBe(`shard-{000000..${String(manifest.shards.length - 1).padStart(6, '0')}}.tar`);
    expect((await readdir(folder)).sort()).toEqual([...manifest.shards.map(({ name }) => name), 'manifest.json'].sort());
  });

  it('reads back with tar-stream: every sample has its image bytes, caption and metadata', async () => {
    const seen = new Set<string>();
    let index = 0;
    for (const shard of manifest.shards) {
      const members = await readTar(join(folder, shard.name));
      expect(members).toHaveLength(shard.samples * 3);
      for (let at = 0; at < members.length; at += 3, index += 1) {
        const sample = fixtureImageSample(index, defaultSize(index));
        const key = safeSampleKey(fixtureKey(index));
        expect(key).not.toMatch(/[./]/);
        seen.add(key);
        const [text, json, image] = members.slice(at, at + 3);
        expect(text).toMatchObject({ name: `${key}.txt`, text: sample.caption ?? sample.metadata.caption ?? sample.metadata.alt });
        expect(image).toMatchObject({ name: `${key}.${sample.image!.ext}`, size: defaultSize(index), sha256: sha256Of(imageChunks(index, defaultSize(index))) });
        expect(JSON.parse(json.text!)).toMatchObject({ ...sample.metadata, key, originalKey: fixtureKey(index), image: { sha256: sample.image!.sha256, bytes: sample.image!.bytes } });
      }
    }
    expect(index).toBe(COUNT);
    expect(seen.size).toBe(COUNT);
  });

  it('fails on bytes that do not match the announced sha256, and keeps no shard', async () => {
    const target = await mkdtemp(join(tmpdir(), 'trawl-wds-bad-'));
    const stored: string[] = [];
    const bad = fixtureImageSample(7, 4096);
    bad.image = { ...bad.image!, open: () => Readable.from([Buffer.alloc(4096, 1)]) };
    async function* samples() {
      yield fixtureImageSample(1, 2048);
      yield bad;
    }
    const tracking = { store: async (name: string, content: Readable, type: string) => { await folderTarget(target).store(name, content, type); stored.push(name); } };
    await expect(writeWebDataset(samples(), tracking)).rejects.toMatchObject({ code: 'export-integrity' });
    expect(stored).toEqual([]);
    expect(await readdir(target)).toEqual([]);
    await rm(target, { recursive: true, force: true });
  });

  it('refuses two consecutive samples with one key (WebDataset would merge them)', async () => {
    async function* samples() {
      yield fixtureImageSample(1, 100);
      yield fixtureImageSample(1, 100);
    }
    const sink = { store: async (_name: string, content: Readable) => { content.resume(); await new Promise((r) => content.on('close', r)); } };
    await expect(writeWebDataset(samples(), sink)).rejects.toMatchObject({ code: 'invalid-export' });
  });

  it('gives a sample larger than the shard limit a shard of its own', async () => {
    const target = await mkdtemp(join(tmpdir(), 'trawl-wds-big-'));
    const sizes = [1000, 5000, 1000];
    const { manifest: big } = await writeWebDataset(fixtureImages({ count: 3, sizeOf: (i) => sizes[i] }), folderTarget(target), { maxShardBytes: 4096 });
    expect(big.shards.map(({ samples }) => samples)).toEqual([1, 1, 1]);
    expect((await stat(join(target, big.shards[1].name))).size).toBe(big.shards[1].bytes);
    await rm(target, { recursive: true, force: true });
  });
});
