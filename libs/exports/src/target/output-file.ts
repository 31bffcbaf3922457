import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Transform, type Writable } from 'node:stream';
import type { ExportTarget, ExportedFile } from './export-target';

/** One file being written to a target: write into `input` and end it, then await `finished()`. */
export interface OutputFile {
  input: Writable;
  /** Resolves once the target has stored the whole file. */
  finished(): Promise<ExportedFile>;
  /** Abandons the file: the target sees its source fail, so nothing half-written is kept. */
  abort(error: Error): Promise<void>;
}

/**
 * Opens a file on the target behind a pass-through that hashes and counts the bytes. Writes into
 * `input` wait while the target is slow (back-pressure) and fail once the target has failed, so a
 * writer never piles up what the target has not taken.
 */
export function openOutputFile(target: ExportTarget, name: string, contentType: string): OutputFile {
  const hash = createHash('sha256');
  let bytes = 0;
  const input = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.byteLength;
      done(null, chunk);
    },
  });
  const stored = (async () => target.store(name, input, contentType))();
  // A target that failed must not leave a writer waiting for 'drain' forever.
  stored.catch((error: unknown) => input.destroy(error instanceof Error ? error : new Error(String(error))));
  return {
    input,
    async finished() {
      await stored;
      return { name, contentType, sha256: hash.digest('hex'), bytes };
    },
    async abort(error) {
      input.destroy(error);
      await stored.catch(() => undefined);
    },
  };
}

/** Writes one chunk, waiting for 'drain' when the stream is full (rejects if the stream fails). */
export async function writeWithBackpressure(stream: Writable, chunk: Buffer | string): Promise<void> {
  if (stream.destroyed) throw stream.errored ?? new Error('output stream destroyed');
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** Ends the stream and waits until everything written has been handed on. */
export async function endStream(stream: Writable): Promise<void> {
  const done = once(stream, 'finish');
  stream.end();
  await done;
}
