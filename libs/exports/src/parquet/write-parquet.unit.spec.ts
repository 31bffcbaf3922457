import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParquetReader } from '@dsnp/parquetjs';
import { folderTarget } from '../target/writable-target';
import { defaultSize, fixtureImageSample, fixturePageText, imageBytes } from '../test-support/fixture-samples';
import { mixedSamples } from '../test-support/mixed-samples';
import { ensurePytools, runPythonJson } from '../test-support/pytools';
import { writeParquet, type ParquetExportResult } from './write-parquet';

const PAGES = 10;
const IMAGES_PER_PAGE = 15;
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** What both readers must find in row `index` (a page text, then its images). */
function expectedRow(index: number): Record<string, unknown> {
  const page = Math.floor(index / (IMAGES_PER_PAGE + 1));
  const offset = index % (IMAGES_PER_PAGE + 1);
  if (offset === 0) return { kind: 'text', key: `page/${page}`, text: fixturePageText(page), sha256: sha256(fixturePageText(page)) };
  const image = page * IMAGES_PER_PAGE + offset - 1;
  const sample = fixtureImageSample(image, defaultSize(image));
  const { metadata } = sample;
  return {
    kind: 'image',
    key: sample.key,
    sha256: sha256(imageBytes(image, defaultSize(image))),
    bytes: defaultSize(image),
    ext: sample.image!.ext,
    caption: sample.caption ?? metadata.caption ?? metadata.alt,
    alt: metadata.alt,
    sourceUrl: metadata.sourceUrl,
    pageUrl: metadata.pageUrl,
    width: metadata.width,
    height: metadata.height,
    license: metadata.license ?? null,
    fetchedAt: Date.parse(metadata.fetchedAt!),
    extra: JSON.stringify({ imageId: metadata.imageId }),
  };
}

describe('writeParquet', () => {
  let folder: string;
  let result: ParquetExportResult;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'trawl-parquet-'));
    result = await writeParquet(mixedSamples(PAGES, IMAGES_PER_PAGE), folderTarget(folder), { maxRowGroupBytes: 128 * 1024 });
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('reports the file as written', async () => {
    const bytes = await readFile(join(folder, 'dataset.parquet'));
    expect(result.rows).toEqual({ images: PAGES * IMAGES_PER_PAGE, texts: PAGES });
    expect(result.file).toMatchObject({ name: 'dataset.parquet', bytes: bytes.length, sha256: sha256(bytes) });
  });

  it('reads back with the parquetjs reader: every row, its bytes and columns, in several row groups', async () => {
    const reader = await ParquetReader.openFile(join(folder, 'dataset.parquet'));
    try {
      expect(reader.metadata!.row_groups.length).toBeGreaterThan(5);
      const cursor = reader.getCursor();
      let index = 0;
      for (let row = (await cursor.next()) as Record<string, unknown> | null; row; row = (await cursor.next()) as Record<string, unknown> | null, index += 1) {
        const expected = expectedRow(index);
        if (expected.kind === 'image') {
          expect(sha256(row.image as Buffer)).toBe(expected.sha256);
          const { fetchedAt, license, ...rest } = expected;
          expect(row).toMatchObject({ ...rest, bytes: BigInt(expected.bytes as number) });
          expect((row.fetchedAt as Date).getTime()).toBe(fetchedAt);
          expect(row.license ?? null).toBe(license);
        } else {
          expect(row).toMatchObject(expected);
          expect(row.image ?? null).toBeNull();
        }
      }
      expect(index).toBe(PAGES * (IMAGES_PER_PAGE + 1));
    } finally {
      await reader.close();
    }
  });

  const pytools = ensurePytools();
  const withPyarrow = 'skipped' in pytools ? it.skip : it;
  if ('skipped' in pytools) process.stdout.write(`unit: Parquet read back with pyarrow: skipped — ${pytools.skipped}\n`);

  withPyarrow('reads back with pyarrow: every row, its bytes and columns', async () => {
    const program = `
import hashlib, json, sys, pyarrow.parquet as pq
file = pq.ParquetFile(sys.argv[1])
rows = []
for batch in file.iter_batches(batch_size=64):
    for row in batch.to_pylist():
        image = row.pop('image')
        row['imageSha256'] = hashlib.sha256(image).hexdigest() if image is not None else None
        row['fetchedAt'] = int(row['fetchedAt'].timestamp() * 1000) if row['fetchedAt'] else None
        rows.append(row)
print(json.dumps({'rowGroups': file.metadata.num_row_groups, 'schema': str(file.schema_arrow), 'rows': rows}))
`;
    const read = await runPythonJson<{ rowGroups: number; schema: string; rows: Record<string, unknown>[] }>(
      (pytools as { python: string }).python,
      program,
      [join(folder, 'dataset.parquet')],
    );
    expect(read.rowGroups).toBeGreaterThan(5);
    expect(read.schema).toContain('fetchedAt: timestamp[ms');
    expect(read.rows).toHaveLength(PAGES * (IMAGES_PER_PAGE + 1));
    read.rows.forEach((row, index) => {
      const expected = expectedRow(index);
      expect(row).toMatchObject(expected);
      expect(row.imageSha256).toBe(expected.kind === 'image' ? expected.sha256 : null);
    });
  }, 120_000);
});
