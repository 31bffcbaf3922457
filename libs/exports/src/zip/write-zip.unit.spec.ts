import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { safeSampleKey } from '../sample-key';
import { folderTarget } from '../target/writable-target';
import { defaultSize, fixtureImageSample, fixturePageSample, fixturePageText, imageBytes } from '../test-support/fixture-samples';
import { mixedSamples } from '../test-support/mixed-samples';
import { readZip } from '../test-support/read-zip';
import { writeZip, type ZipExportResult } from './write-zip';

const PAGES = 8;
const IMAGES_PER_PAGE = 12;
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

interface ManifestEntry {
  path: string;
  sha256: string;
  bytes: number;
  kind: string;
  key: string;
  source: string;
}

/** The bytes each file of the zip must hold, by path. */
function expectedFiles(): Map<string, { bytes: Buffer; source: string }> {
  const files = new Map<string, { bytes: Buffer; source: string }>();
  let image = 0;
  for (let page = 0; page < PAGES; page += 1) {
    files.set(`texts/${safeSampleKey(`page/${page}`)}.txt`, { bytes: Buffer.from(fixturePageText(page)), source: fixturePageSample(page).metadata.pageUrl! });
    for (let n = 0; n < IMAGES_PER_PAGE; n += 1, image += 1) {
      const sample = fixtureImageSample(image, defaultSize(image));
      files.set(`images/${safeSampleKey(sample.key)}.${sample.image!.ext}`, { bytes: imageBytes(image, defaultSize(image)), source: sample.metadata.sourceUrl! });
    }
  }
  return files;
}

describe('writeZip', () => {
  let folder: string;
  let result: ZipExportResult;
  const expected = expectedFiles();

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'trawl-zip-'));
    result = await writeZip(mixedSamples(PAGES, IMAGES_PER_PAGE), folderTarget(folder));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('reads back with yauzl: every file with its bytes, then a manifest whose checksums verify', async () => {
    const zipBytes = await readFile(join(folder, 'dataset.zip'));
    expect(result.file).toMatchObject({ bytes: zipBytes.length, sha256: sha256(zipBytes) });
    expect(result.files).toEqual({ images: PAGES * IMAGES_PER_PAGE, texts: PAGES });
    const members = await readZip(join(folder, 'dataset.zip'), (name) => name.endsWith('.json') || name.endsWith('.txt'));
    expect(members.map(({ path }) => path)).toEqual([...expected.keys(), 'manifest.json']);
    for (const member of members.slice(0, -1)) {
      const file = expected.get(member.path)!;
      expect({ bytes: member.bytes, sha256: member.sha256 }).toEqual({ bytes: file.bytes.length, sha256: sha256(file.bytes) });
      expect(member.stored).toBe(member.path.startsWith('images/'));
    }
    const manifest = JSON.parse(members.at(-1)!.text!) as { format: string; files: ManifestEntry[] };
    expect(manifest.format).toBe('zip');
    expect(manifest.files.map(({ path }) => path)).toEqual([...expected.keys()]);
    for (const entry of manifest.files) {
      const member = members.find(({ path }) => path === entry.path)!;
      expect(entry).toMatchObject({ sha256: member.sha256, bytes: member.bytes, source: expected.get(entry.path)!.source });
    }
  });

  it("reads back with Python's zipfile, whose manifest checksums verify too", async () => {
    const program = `
import hashlib, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    assert archive.testzip() is None
    manifest = json.loads(archive.read('manifest.json'))
    bad = [e['path'] for e in manifest['files'] if hashlib.sha256(archive.read(e['path'])).hexdigest() != e['sha256']]
    print(json.dumps({'names': archive.namelist(), 'checked': len(manifest['files']), 'bad': bad}))
`;
    const { stdout } = await promisify(execFile)(process.env.TRAWL_PYTHON || 'python3', ['-c', program, join(folder, 'dataset.zip')]);
    expect(JSON.parse(stdout)).toEqual({ names: [...expected.keys(), 'manifest.json'], checked: expected.size, bad: [] });
  });

  it('fails on bytes that do not match the announced sha256, and keeps no zip', async () => {
    const target = await mkdtemp(join(tmpdir(), 'trawl-zip-bad-'));
    const bad = fixtureImageSample(3, 2000);
    bad.image = { ...bad.image!, open: () => Readable.from([Buffer.alloc(2000, 7)]) };
    async function* samples() {
      yield fixtureImageSample(1, 2000);
      yield bad;
    }
    await expect(writeZip(samples(), folderTarget(target))).rejects.toMatchObject({ code: 'export-integrity' });
    expect(await readdir(target)).toEqual([]);
    await rm(target, { recursive: true, force: true });
  });
});
