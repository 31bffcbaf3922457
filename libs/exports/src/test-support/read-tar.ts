import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { extract } from 'tar-stream';

export interface TarMember {
  name: string;
  size: number;
  sha256: string;
  /** The body, kept only for small members (text and JSON). */
  text?: string;
}

/** Reads every member of a tar file with tar-stream's extractor, hashing each body as it streams. */
export async function readTar(path: string, keepTextUpTo = 64 * 1024): Promise<TarMember[]> {
  const members: TarMember[] = [];
  const reader = extract();
  createReadStream(path).pipe(reader);
  for await (const entry of reader) {
    const hash = createHash('sha256');
    const kept: Buffer[] = [];
    let size = 0;
    for await (const chunk of entry as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      if (entry.header.size! <= keepTextUpTo) kept.push(chunk);
    }
    const small = entry.header.size! <= keepTextUpTo && !/\.(jpg|png|webp|gif)$/.test(entry.header.name);
    members.push({ name: entry.header.name, size, sha256: hash.digest('hex'), text: small ? Buffer.concat(kept).toString('utf8') : undefined });
  }
  return members;
}
