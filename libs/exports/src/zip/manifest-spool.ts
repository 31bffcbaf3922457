import { once } from 'node:events';
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
    const file = createWriteStream(join(folder, 'manifest.json'));
    // A stream's 'error' without a listener is an uncaught exception that ends the process; the writes
    // below see a failed stream as `errored` and reject, which fails this export alone.
    file.on('error', () => undefined);
    const spool = new ManifestSpool(folder, file);
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

  /** Closes the file (after its open, if that is still under way), then removes the folder. */
  async remove(): Promise<void> {
    if (!this.file.closed) {
      const closed = once(this.file, 'close').catch(() => undefined);
      this.file.destroy();
      await closed;
    }
    await rm(this.folder, { recursive: true, force: true });
  }
}
