import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderTarget } from '../target/writable-target';
import { defaultSize, fixtureImageSample, fixtureImages, fixtureKey, imageChunks, sha256Of } from '../test-support/fixture-samples';
import { ensurePytools, runPythonJson } from '../test-support/pytools';
import { safeSampleKey } from '../sample-key';
import { writeWebDataset } from './write-webdataset';

/** Reads the shards with the `webdataset` package, as a training job would, and reports each sample. */
const READ_WITH_WEBDATASET = `
import hashlib, json, sys, webdataset as wds
out = []
for sample in wds.WebDataset(sys.argv[1:], shardshuffle=False):
    members = {name: value for name, value in sample.items() if not name.startswith('__')}
    out.append({
        'key': sample['__key__'],
        'members': sorted(members),
        'sha256': {name: hashlib.sha256(value).hexdigest() for name, value in members.items()},
        'txt': members['txt'].decode('utf-8'),
        'json': json.loads(members['json']),
    })
print(json.dumps(out))
`;

interface PythonSample {
  key: string;
  members: string[];
  sha256: Record<string, string>;
  txt: string;
  json: Record<string, unknown>;
}

const COUNT = 120;
const pytools = ensurePytools();

if ('skipped' in pytools) {
  process.stdout.write(`unit: WebDataset read back with the webdataset package: skipped — ${pytools.skipped}\n`);
  describe.skip('WebDataset shards read by the webdataset Python package', () => {
    it('needs webdataset from the pytools venv', () => undefined);
  });
} else {
  describe('WebDataset shards read by the webdataset Python package', () => {
    let folder: string;
    afterAll(() => rm(folder, { recursive: true, force: true }));

    it('yields every sample once, in order, with its image bytes, caption and metadata', async () => {
      folder = await mkdtemp(join(tmpdir(), 'trawl-wds-py-'));
      const { manifest } = await writeWebDataset(fixtureImages({ count: COUNT }), folderTarget(folder), { maxShardSamples: 25 });
      expect(manifest.shards).toHaveLength(5);
      const samples = await runPythonJson<PythonSample[]>(pytools.python, READ_WITH_WEBDATASET, manifest.shards.map(({ name }) => join(folder, name)));
      expect(samples).toHaveLength(COUNT);
      samples.forEach((read, index) => {
        const sample = fixtureImageSample(index, defaultSize(index));
        const ext = sample.image!.ext;
        expect(read.key).toBe(safeSampleKey(fixtureKey(index)));
        expect(read.members).toEqual([ext, 'json', 'txt'].sort());
        expect(read.sha256[ext]).toBe(sha256Of(imageChunks(index, defaultSize(index))));
        expect(read.txt).toBe(sample.caption ?? sample.metadata.caption ?? sample.metadata.alt);
        expect(read.json).toMatchObject({ ...sample.metadata, key: read.key, image: { sha256: sample.image!.sha256, bytes: defaultSize(index) } });
      });
    }, 120_000);
  });
}
