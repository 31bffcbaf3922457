import { once } from 'node:events';
import { pack as createPack, type Headers, type Pack } from 'tar-stream';
import { FailureWatch } from '../failure-watch';
import { verifiedBytes } from '../verified-blob';
import type { ImageSample } from '../sample';
import type { ExportTarget, ExportedFile } from '../target/export-target';
import { openOutputFile, type OutputFile } from '../target/output-file';
import type { SampleMembers } from './sample-members';
import { TAR_END_BYTES, tarMemberBytes } from './shard-plan';

/** One tar shard being written: samples go in one at a time, the image bytes streamed. */
export class ShardWriter {
  private readonly pack: Pack = createPack();
  private readonly output: OutputFile;
  private readonly watch: FailureWatch;
  bytes = 0;
  samples = 0;
  firstKey: string | null = null;
  lastKey: string | null = null;

  constructor(target: ExportTarget, readonly name: string) {
    this.output = openOutputFile(target, name, 'application/x-tar');
    this.pack.pipe(this.output.input);
    this.watch = new FailureWatch(this.pack);
  }

  async add(sample: ImageSample, members: SampleMembers): Promise<void> {
    const mtime = mtimeOf(sample);
    await this.addBuffered(members.text.name, members.text.body, mtime);
    await this.addBuffered(members.json.name, members.json.body, mtime);
    if (members.image && sample.image) {
      await this.addStreamed(members.image.name, members.image.bytes, mtime, verifiedBytes(sample.key, sample.image));
    }
    this.bytes += tarMemberBytes(members.text.body.byteLength) + tarMemberBytes(members.json.body.byteLength);
    if (members.image) this.bytes += tarMemberBytes(members.image.bytes);
    this.samples += 1;
    this.firstKey ??= members.key;
    this.lastKey = members.key;
  }

  /** Writes the end blocks and waits until the target has stored the whole shard. */
  async close(): Promise<ExportedFile> {
    const ended = once(this.output.input, 'finish');
    this.pack.finalize();
    await this.watch.guard(ended);
    const file = await this.output.finished();
    this.bytes += TAR_END_BYTES;
    return file;
  }

  async abort(error: Error): Promise<void> {
    this.pack.destroy(error);
    await this.output.abort(error);
  }

  private async addBuffered(name: string, body: Buffer, mtime: Date): Promise<void> {
    const written = new Promise<void>((resolve, reject) => {
      this.pack.entry(header(name, body.byteLength, mtime), body, (error) => (error ? reject(error) : resolve()));
    });
    await this.watch.guard(written);
  }

  private async addStreamed(name: string, size: number, mtime: Date, body: AsyncIterable<Buffer>): Promise<void> {
    let entry!: ReturnType<Pack['entry']>;
    const written = new Promise<void>((resolve, reject) => {
      entry = this.pack.entry(header(name, size, mtime), (error) => (error ? reject(error) : resolve()));
    });
    written.catch(() => undefined);
    // Failures reach us through the callback and the loop below; unheard, the entry's 'error' would crash.
    entry.on('error', () => undefined);
    try {
      for await (const chunk of body) {
        // The entry refuses more once the pack is full; waiting here is what bounds memory.
        if (!entry.write(chunk)) await this.watch.guard(once(entry, 'drain'));
      }
    } catch (error) {
      entry.destroy(error as Error);
      throw error;
    }
    entry.end();
    await this.watch.guard(written);
  }
}

function header(name: string, size: number, mtime: Date): Headers {
  return { name, size, mtime, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', type: 'file' };
}

/** The fetch time (so the same content gives the same bytes, export after export), else the epoch. */
function mtimeOf(sample: ImageSample): Date {
  const at = sample.metadata.fetchedAt ? Date.parse(sample.metadata.fetchedAt) : Number.NaN;
  return new Date(Number.isNaN(at) ? 0 : at);
}
