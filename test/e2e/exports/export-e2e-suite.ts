import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParquetReader } from '@dsnp/parquetjs';
import { SqliteEventStore } from '@trawl/event-store';
import { ensurePytools, runPythonJson } from '../../../libs/exports/src/test-support/pytools';
import { readTar } from '../../../libs/exports/src/test-support/read-tar';
import { readZip } from '../../../libs/exports/src/test-support/read-zip';
import { waitForBatch } from '../../support/batch-e2e-suite';
import type { TrawlDeployment } from '../../support/trawl-deployment';
import { figuresOf, startCaptionSite, type CaptionSite } from './caption-site';
import { downloadExport, postExport, sha256, waitForExport, type ExportBody } from './export-checks';

const PAGES = 200;

const READ_WITH_WEBDATASET = `
import hashlib, json, sys, webdataset as wds
out = []
for sample in wds.WebDataset(sys.argv[1:], shardshuffle=False):
    out.append({'key': sample['__key__'], 'png': hashlib.sha256(sample['png']).hexdigest(), 'txt': sample['txt'].decode('utf-8')})
print(json.dumps(out))
`;
const READ_WITH_PYARROW = `
import hashlib, json, sys, pyarrow.parquet as pq
table = pq.read_table(sys.argv[1]).to_pylist()
print(json.dumps([{'kind': r['kind'], 'sha': hashlib.sha256(r['image']).hexdigest() if r['image'] is not None else None, 'sha256': r['sha256'], 'caption': r['caption']} for r in table]))
`;

/** What the page of a source URL says about that image: its caption (n from the page URL). */
function expectedCaption(pageUrl: string, sourceUrl: string): string {
  const n = Number(/\/c\/p(\d+)\.html$/.exec(pageUrl)![1]);
  return figuresOf(n).find((figure) => sourceUrl.endsWith(figure.path))!.caption;
}

/** Exports of a 200-page batch in each format, through the REST API alone; the same in every mode. */
export function describeExports(mode: string, start: () => Promise<TrawlDeployment>): void {
  describe(`e2e: exports [${mode}]`, () => {
    let site: CaptionSite;
    let trawl: TrawlDeployment;
    let batchId: string;
    let folder: string;
    const pytools = ensurePytools();
    const expectedImages = Array.from({ length: PAGES }, (_, n) => figuresOf(n).length).reduce((a, b) => a + b, 0);

    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'trawl-exports-e2e-'));
      site = await startCaptionSite();
      trawl = await start();
      const urls = Array.from({ length: PAGES }, (_, n) => site.pageUrl(n));
      const response = await trawl.client.request('/api/v1/batches', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls, collect: ['text', 'images'] }) });
      expect(response.status).toBe(202);
      batchId = ((await response.json()) as { id: string }).id;
    });
    afterAll(async () => {
      await trawl?.stop();
      await site?.close();
      await rm(folder, { recursive: true, force: true });
    });

    it('refuses an export of a batch still collecting (409 not-final), a bad format (400 naming it), an unknown id (404)', async () => {
      const early = await postExport(trawl, `/api/v1/batches/${batchId}/exports`, { format: 'webdataset' });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('not-final');
      const bad = await postExport(trawl, `/api/v1/batches/${batchId}/exports`, { format: 'tfrecord' });
      expect(bad.status).toBe(400);
      expect(bad.body.detail).toContain('format');
      expect((await postExport(trawl, '/api/v1/batches/00000000-0000-4000-8000-000000000000/exports', { format: 'zip' })).status).toBe(404);
      expect((await trawl.client.request('/api/v1/exports/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      const batch = await waitForBatch(trawl, batchId, (body) => body.status === 'completed', 150_000);
      expect(batch.counts.tasks.completed).toBe(PAGES);
      expect(batch.counts.images.stored).toBe(expectedImages);
    });

    it('exports WebDataset shards: every image its stored bytes, every caption the page\'s, readable by webdataset', async () => {
      const posted = await postExport(trawl, `/api/v1/batches/${batchId}/exports`, { format: 'webdataset', shardSize: 1024 * 1024 });
      expect(posted.status).toBe(202);
      expect(posted.location).toBe(`/api/v1/exports/${posted.body.id}`);
      const view = await waitForExport(trawl, posted.body.id);
      expect(view).toMatchObject({ status: 'ready', format: 'webdataset', source: { kind: 'batch', id: batchId }, progress: { samples: expectedImages } });
      // The total is counted from the task views when the build starts: an estimate, which the build's count replaces.
      expect(view.progress.totalSamples).toBeGreaterThan(0);
      const dir = join(folder, 'wds');
      await downloadExport(trawl, view, dir);
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { samples: number; shards: { name: string }[] };
      expect(manifest.samples).toBe(expectedImages);
      let images = 0;
      for (const shard of manifest.shards) {
        const members = await readTar(join(dir, shard.name));
        for (const json of members.filter((member) => member.name.endsWith('.json'))) {
          const key = json.name.slice(0, -'.json'.length);
          const meta = JSON.parse(json.text!) as { sourceUrl: string; pageUrl: string; sha256: string; caption: string; alt: string; width: number; fetchedAt: string };
          const png = members.find((member) => member.name === `${key}.png`)!;
          const path = new URL(meta.sourceUrl).pathname;
          expect(png.sha256).toBe(sha256(site.imageBytes(path)));
          expect(meta.sha256).toBe(png.sha256);
          expect(meta.caption).toBe(expectedCaption(meta.pageUrl, meta.sourceUrl));
          expect(members.find((member) => member.name === `${key}.txt`)!.text).toBe(meta.caption);
          expect(meta.alt).toMatch(/^picture \d+ on page \d+$/);
          images += 1;
        }
      }
      expect(images).toBe(expectedImages);
      if ('python' in pytools) {
        const samples = await runPythonJson<{ key: string; png: string; txt: string }[]>(pytools.python, READ_WITH_WEBDATASET, manifest.shards.map(({ name }) => join(dir, name)));
        expect(samples).toHaveLength(expectedImages);
        expect(samples.every((sample) => sample.txt.startsWith('Figure '))).toBe(true);
      } else process.stdout.write(`exports e2e: webdataset package skipped — ${pytools.skipped}\n`);
    });

    it('exports Parquet: one row per image and per page text, bytes and captions as collected (parquetjs; pyarrow when present)', async () => {
      const posted = await postExport(trawl, `/api/v1/batches/${batchId}/exports`, { format: 'parquet' });
      expect(posted.status).toBe(202);
      const view = await waitForExport(trawl, posted.body.id);
      expect(view.status).toBe('ready');
      const dir = join(folder, 'parquet');
      await downloadExport(trawl, view, dir);
      const reader = await ParquetReader.openFile(join(dir, 'dataset.parquet'));
      const counts = { image: 0, text: 0 };
      try {
        const cursor = reader.getCursor();
        for (let row = (await cursor.next()) as Record<string, unknown> | null; row; row = (await cursor.next()) as Record<string, unknown> | null) {
          const kind = row.kind as 'image' | 'text';
          counts[kind] += 1;
          if (kind === 'image') {
            expect(sha256(row.image as Buffer)).toBe(sha256(site.imageBytes(new URL(row.sourceUrl as string).pathname)));
            expect(row.caption).toBe(expectedCaption(row.pageUrl as string, row.sourceUrl as string));
          } else {
            expect(row.text as string).toContain('shows two figures with captions');
            expect(sha256(row.text as string)).toBe(row.sha256);
          }
        }
      } finally {
        await reader.close();
      }
      expect(counts).toEqual({ image: expectedImages, text: PAGES });
      if ('python' in pytools) {
        const rows = await runPythonJson<{ kind: string; sha: string | null; sha256: string }[]>(pytools.python, READ_WITH_PYARROW, [join(dir, 'dataset.parquet')]);
        expect(rows).toHaveLength(expectedImages + PAGES);
        expect(rows.filter((row) => row.kind === 'image').every((row) => row.sha === row.sha256)).toBe(true);
      }
    });

    it('exports a zip whose manifest checksums verify, and a second POST is served from the store without a rebuild', async () => {
      const posted = await postExport(trawl, `/api/v1/batches/${batchId}/exports`, { format: 'zip' });
      const view = await waitForExport(trawl, posted.body.id);
      const dir = join(folder, 'zip');
      await downloadExport(trawl, view, dir);
      const members = await readZip(join(dir, 'dataset.zip'), (name) => name === 'manifest.json');
      const manifest = JSON.parse(members.find((member) => member.path === 'manifest.json')!.text!) as { files: { path: string; sha256: string; bytes: number; kind: string; caption?: string; source: string }[] };
      expect(manifest.files.filter((file) => file.kind === 'image')).toHaveLength(expectedImages);
      expect(manifest.files.filter((file) => file.kind === 'text')).toHaveLength(PAGES);
      for (const file of manifest.files) {
        const member = members.find((candidate) => candidate.path === file.path)!;
        expect({ sha256: member.sha256, bytes: member.bytes }).toEqual({ sha256: file.sha256, bytes: file.bytes });
        if (file.kind === 'image') expect(file.sha256).toBe(sha256(site.imageBytes(new URL(file.source).pathname)));
      }
      const again = await postExport(trawl, `/api/v1/batches/${batchId}/exports`, { format: 'zip' });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ id: view.id, status: 'ready', files: view.files });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await countEvents(trawl, view.id, 'ExportCreated')).toBe(1);
      expect(await countEvents(trawl, view.id, 'ExportRequested')).toBe(1);
    });

    it('exports a single task, and serves a file with Range', async () => {
      const tasks = (await (await trawl.client.request(`/api/v1/batches/${batchId}/tasks?limit=1`)).json()) as { items: { id: string }[] };
      const posted = await postExport(trawl, `/api/v1/tasks/${tasks.items[0].id}/exports`, { format: 'webdataset', imageSize: 16 });
      expect(posted.status).toBe(202);
      const view: ExportBody = await waitForExport(trawl, posted.body.id);
      expect(view).toMatchObject({ status: 'ready', source: { kind: 'task', id: tasks.items[0].id } });
      const shard = view.files.find((file) => file.name.endsWith('.tar'))!;
      const range = await trawl.client.request(shard.url, { headers: { range: 'bytes=0-99' } });
      expect(range.status).toBe(206);
      expect((await range.arrayBuffer()).byteLength).toBe(100);
      expect((await trawl.client.request(`/api/v1/exports/${view.id}/files/nope.tar`)).status).toBe(404);
    });
  });
}

/** Events of the export's stream, read from the deployment's SQLite event store (both modes share one file). */
async function countEvents(trawl: TrawlDeployment, exportId: string, type: string): Promise<number> {
  const store = new SqliteEventStore({ path: join(trawl.env.TRAWL_DATA_DIR, 'events.sqlite') });
  try {
    return (await store.readStream(`export-${exportId}`)).filter((event) => event.type === type).length;
  } finally {
    await store.close();
  }
}
