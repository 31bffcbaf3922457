import type { Readable } from 'node:stream';
import { BodyTooLargeError } from './fetch-errors';

export interface BodyLimits {
  url: string;
  maxBytes: number;
  /** Maps a stream error to the error the reader sees (timeout, reset, decompression...). */
  translate: (error: unknown) => unknown;
  /** Called once when the body is done, failed or dropped: releases the whole-fetch timer. */
  settled: () => void;
}

/**
 * The response body as an async iterator, counted after decompression, so a compression bomb stops
 * at `maxBytes` like any other large body. Passing the limit destroys the request: no further bytes
 * are read or inflated. Ending, failing, `break` in a for-await, or `return()` without ever reading
 * (unlike a generator's, which would skip its cleanup) all destroy the request.
 *
 * The stream's own iterator is taken at once so that an error before the first read (the
 * whole-fetch timer firing) is held for the reader instead of being an unhandled 'error' event.
 */
export function limitedBody(stream: Readable, limits: BodyLimits): AsyncIterableIterator<Buffer> {
  const source = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let received = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    stream.destroy();
    limits.settled();
  };

  const body: AsyncIterableIterator<Buffer> = {
    async next(): Promise<IteratorResult<Buffer, undefined>> {
      if (finished) return { done: true, value: undefined };
      try {
        const step = await source.next();
        if (step.done) {
          finish();
          return { done: true, value: undefined };
        }
        received += step.value.length;
        if (received > limits.maxBytes) throw new BodyTooLargeError(limits.url, limits.maxBytes);
        return step;
      } catch (error) {
        finish();
        throw error instanceof BodyTooLargeError ? error : limits.translate(error);
      }
    },
    async return(): Promise<IteratorResult<Buffer, undefined>> {
      finish();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return body;
    },
  };
  return body;
}

/** Drops a response body without reading it, releasing the connection at once. */
export async function discardBody(body: AsyncIterable<Buffer>): Promise<void> {
  await body[Symbol.asyncIterator]().return?.();
}
