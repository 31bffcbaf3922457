import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportView, TrawlApi } from './trawl-api';

/** Downloads every file of a ready export into `dir`, checking each one's sha256 before it is kept. */
export async function writeExportFiles(api: TrawlApi, view: ExportView, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  for (const file of view.files) {
    if (file.name.includes('/') || file.name.startsWith('.')) throw new Error(`refusing the file name ${file.name}`);
    const hash = createHash('sha256');
    const partial = join(dir, `.${file.name}.part`);
    const body = Readable.fromWeb((await api.download(file.url)) as never);
    await pipeline(body, new Transform({ transform(chunk, _encoding, done) { hash.update(chunk); done(null, chunk); } }), createWriteStream(partial));
    const sha256 = hash.digest('hex');
    if (sha256 !== file.sha256) throw new Error(`${file.name}: downloaded sha256 ${sha256}, the export says ${file.sha256}`);
    await rename(partial, join(dir, file.name));
    bytes += file.bytes;
  }
  return bytes;
}
