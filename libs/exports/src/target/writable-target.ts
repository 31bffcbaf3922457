import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportTarget } from './export-target';

/** Streams each file into the Writable that `open(name)` gives. */
export function writableTarget(open: (name: string, contentType: string) => Writable): ExportTarget {
  return {
    async store(name, content, contentType) {
      await pipeline(content, open(name, contentType));
    },
  };
}

/** Writes each file into `folder` (which must exist) under its own name; a failed file is removed. */
export function folderTarget(folder: string): ExportTarget {
  return {
    async store(name, content) {
      // The writers choose the names; this only guards against one ever holding a path.
      if (basename(name) !== name) throw new Error(`export file name ${JSON.stringify(name)} is not a plain file name`);
      const path = join(folder, name);
      try {
        await pipeline(content, createWriteStream(path));
      } catch (error) {
        await rm(path, { force: true });
        throw error;
      }
    },
  };
}
