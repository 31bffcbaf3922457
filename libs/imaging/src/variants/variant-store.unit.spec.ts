import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import sharp from 'sharp';
import { FileBlobStore, type BlobStore } from '@trawl/blob-store';
import { syntheticPhoto } from '../testing/synthetic-photos';
import { renderVariant, type RenderedVariant } from './render-variant';
import { resolveVariant, type VariantSpec } from './variant-spec';
import { VariantStore, VariantTooLargeError } from './variant-store';

jest.setTimeout(30_000);

describe('VariantStore (file blob store in a temp dir)', () => {
  let dir: string;
  let blobs: BlobStore;
  let sourceSha256: string;
  let renders: number;
  const countingRender = async (source: Buffer, spec: VariantSpec, limits: { maxInputPixels: number }): Promise<RenderedVariant> => {
    renders += 1;
    return renderVariant(source, spec, limits);
  };
  const limits = { maxInputPixels: 100_000_000, maxOutputBytes: 10_000_000 };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trawl-variants-'));
    blobs = await FileBlobStore.open(dir);
    sourceSha256 = (await blobs.write(Readable.from([await syntheticPhoto('sun')]), { contentType: 'image/jpeg' })).sha256;
    renders = 0;
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('renders a variant once: the second request, also from another process, is served from the store', async () => {
    const spec = resolveVariant({ width: 64, format: 'webp' }, 'image/jpeg');
    const first = await new VariantStore(blobs, limits, countingRender).variantOf(sourceSha256, spec);
    expect(first).toMatchObject({ contentType: 'image/webp', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const bytes = await buffer(await blobs.read(first.sha256));
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'webp', width: 64, height: 48 });

    const again = await new VariantStore(blobs, limits, countingRender).variantOf(sourceSha256, spec);
    const reopened = await new VariantStore(await FileBlobStore.open(dir), limits, countingRender).variantOf(sourceSha256, spec);
    expect(again).toEqual(first);
    expect(reopened).toEqual(first);
    expect(renders).toBe(1);
  });

  it('shares one render among concurrent requests for the same variant, and renders each distinct one', async () => {
    const store = new VariantStore(blobs, limits, countingRender);
    const small = resolveVariant({ width: 32 }, 'image/jpeg');
    const results = await Promise.all([1, 2, 3, 4].map(() => store.variantOf(sourceSha256, small)));
    expect(new Set(results.map((result) => result.sha256)).size).toBe(1);
    expect(renders).toBe(1);
    await store.variantOf(sourceSha256, resolveVariant({ width: 33 }, 'image/jpeg'));
    expect(renders).toBe(2);
  });

  it('renders again when the stored variant was deleted behind its reference', async () => {
    const store = new VariantStore(blobs, limits, countingRender);
    const spec = resolveVariant({ width: 40 }, 'image/jpeg');
    const first = await store.variantOf(sourceSha256, spec);
    await blobs.delete(first.sha256);
    expect(await store.variantOf(sourceSha256, spec)).toEqual(first);
    expect(renders).toBe(2);
  });

  it('refuses a variant past the output cap and stores nothing', async () => {
    const store = new VariantStore(blobs, { ...limits, maxOutputBytes: 500 }, countingRender);
    const spec = resolveVariant({ format: 'png' }, 'image/jpeg');
    await expect(store.variantOf(sourceSha256, spec)).rejects.toBeInstanceOf(VariantTooLargeError);
    const writes = jest.spyOn(blobs, 'write');
    await expect(store.variantOf(sourceSha256, spec)).rejects.toBeInstanceOf(VariantTooLargeError);
    expect(writes).not.toHaveBeenCalled();
  });
});
