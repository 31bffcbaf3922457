import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { endStream, writeWithBackpressure } from '../target/output-file';

/**
 * The zip's manifest.json, written to a temporary file entry by entry as the files go into the zip,
 * and added last: a manifest of millions of entries is never held in memory.
 */
export class ManifestSpool {
  private constructor(private readonly folder: string, private readonly file: WriteStream) {}
  private entries = 0;

  static async open(header: Record<string, unknown>): Promise<ManifestSpool> {
    const folder = await mkdtemp(join(tmpdir(), 'trawl-zip-manifest-'));
    const spool = new ManifestSpool(folder, createWriteStream(join(folder, 'manifest.json')));
    const opening = JSON.stringify(header).slice(0, -1);
    await writeWithBackpressure(spool.file, `${opening}${opening.endsWith('{') ? '' : ','}"files":[`);
    return spool;
  }

  async add(entry: Record<string, unknown>): Promise<void> {
    await writeWithBackpressure(this.file, `${this.entries === 0 ? '\n' : ',\n'}${JSON.stringify(entry)}`);
    this.entries += 1;
  }

  /** Closes the document and opens it for reading. */
  async finish(): Promise<Readable> {
    await writeWithBackpressure(this.file, '\n]}\n');
    await endStream(this.file);
    return createReadStream(join(this.folder, 'manifest.json'));
  }

  async remove(): Promise<void> {
    this.file.destroy();
    await rm(this.folder, { recursive: true, force: true });
  }
}
