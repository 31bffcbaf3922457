import { createHash } from 'node:crypto';
import { openPromise } from 'yauzl';

export interface ZipMember {
  path: string;
  bytes: number;
  sha256: string;
  stored: boolean;
  text?: string;
}

/** Reads every file of a zip with yauzl (from its central directory), hashing each as it streams. */
export async function readZip(path: string, keepText: (name: string) => boolean): Promise<ZipMember[]> {
  const zip = await openPromise(path, { lazyEntries: true, autoClose: false });
  const members: ZipMember[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const hash = createHash('sha256');
      const kept: Buffer[] = [];
      let bytes = 0;
      for await (const chunk of await zip.openReadStreamPromise(entry)) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
        if (keepText(entry.fileName)) kept.push(chunk as Buffer);
      }
      const text = keepText(entry.fileName) ? Buffer.concat(kept).toString('utf8') : undefined;
      members.push({ path: entry.fileName, bytes, sha256: hash.digest('hex'), stored: entry.compressionMethod === 0, text });
    }
  } finally {
    zip.close();
  }
  return members;
}
