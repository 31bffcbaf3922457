import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { type ExportSample, isPageText } from '../sample';
import type { ExportTarget, ExportedFile } from '../target/export-target';
import { openOutputFile } from '../target/output-file';
import { FailureWatch } from '../failure-watch';
import { verifiedBytes } from '../verified-blob';
import { ManifestSpool } from './manifest-spool';
import { unpoolLastEntryName } from './unpooled-entry-name';
import { zipEntryPlan, zipMtime } from './zip-entries';

export interface ZipExportOptions {
  /** Default `dataset.zip`. */
  name?: string;
}

export interface ZipExportResult {
  file: ExportedFile;
  files: { images: number; texts: number };
}

/**
 * Writes one zip: `images/{key}.{ext}`, `texts/{key}.txt` and, last, `manifest.json` listing every
 * file's path, sha256, size and source. Each file is streamed in before the next sample is read, and
 * the manifest is spooled to a temporary file; what stays in memory is yazl's central directory,
 * about a hundred bytes a file, which the zip format puts at the end.
 */
export async function writeZip(samples: AsyncIterable<ExportSample>, target: ExportTarget, options: ZipExportOptions = {}): Promise<ZipExportResult> {
  const output = openOutputFile(target, options.name ?? 'dataset.zip', 'application/zip');
  const zip = new ZipFile();
  const watch = new FailureWatch(zip);
  zip.outputStream.pipe(output.input);
  const spool = await ManifestSpool.open({ format: 'zip', version: 1 });
  const files = { images: 0, texts: 0 };
  try {
    for await (const sample of samples) {
      const plan = zipEntryPlan(sample);
      if (!plan) continue;
      const blob = isPageText(sample) ? sample.text : sample.image!;
      const measured = await watch.guard(addStreamed(zip, plan.path, plan.compress, zipMtime(sample.metadata.fetchedAt), verifiedBytes(sample.key, blob)));
      await spool.add({ path: plan.path, sha256: measured.sha256, bytes: measured.bytes, ...plan.manifest });
      if (isPageText(sample)) files.texts += 1;
      else files.images += 1;
    }
    const manifest = await spool.finish();
    zip.addReadStreamLazy('manifest.json', { compress: true, mtime: zipMtime(undefined) }, (callback) => callback(null, manifest));
    zip.end();
    await watch.guard(once(output.input, 'finish'));
    return { file: await output.finished(), files };
  } catch (error) {
    await output.abort(error as Error);
    throw error;
  } finally {
    await spool.remove();
  }
}

/** Adds one file and resolves once yazl has read all of it (so the next sample waits its turn). */
function addStreamed(zip: ZipFile, path: string, compress: boolean, mtime: Date, body: AsyncIterable<Buffer>): Promise<{ sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    zip.addReadStreamLazy(path, { compress, mtime }, (callback) => {
      const hash = createHash('sha256');
      let bytes = 0;
      const stream = Readable.from(body);
      stream.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.byteLength;
      });
      stream.once('end', () => resolve({ sha256: hash.digest('hex'), bytes }));
      stream.once('error', reject);
      callback(null, stream);
    });
    unpoolLastEntryName(zip);
  });
}
