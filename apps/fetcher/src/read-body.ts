/** Reads a body the HTTP client already bounds (by limits.maxBytes) into one buffer. */
export async function readBody(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Passes a body through while keeping its first `limit` bytes: image probing needs the header,
 * and the bytes go on streaming to the blob store.
 */
export class HeadCapture {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  async *tap(body: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
    for await (const chunk of body) {
      if (this.size < this.limit) {
        const part = chunk.subarray(0, this.limit - this.size);
        this.chunks.push(part);
        this.size += part.length;
      }
      yield chunk;
    }
  }

  head(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
