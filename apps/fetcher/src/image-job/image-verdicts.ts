import { END_MARKER_TAIL_BYTES, checkImageIntegrity, probeImage, type ImageProbe, type IntegrityInput } from '@trawl/scraping';
import { ContentRejectedError } from '../failures';

/**
 * What the bytes at the head of a file are, or a final verdict: `not-an-image` (HTML served as
 * image/png, text, a cut header), or `image-too-many-pixels` when the declared width x height is
 * above the limit. Only the header is read: a decompression bomb is refused before a pixel is
 * decoded, and before the rest of it is downloaded.
 */
export async function probeImageHead(head: Buffer, maxPixels: number): Promise<ImageProbe> {
  const probe = await probeImage(head);
  if (!probe) throw new ContentRejectedError('not-an-image', 'the bytes do not decode as an image');
  if (probe.width * probe.height > maxPixels) {
    throw new ContentRejectedError(
      'image-too-many-pixels',
      `the image declares ${probe.width} x ${probe.height} pixels, more than the limit of ${maxPixels} (TRAWL_MAX_IMAGE_PIXELS)`,
    );
  }
  return probe;
}

/** Throws `truncated-image` or `corrupt-image` unless the whole image arrived (see checkImageIntegrity). */
export async function ensureWholeImage(input: IntegrityInput, maxPixels: number): Promise<void> {
  const verdict = await checkImageIntegrity(input, maxPixels);
  if (verdict === 'truncated') {
    throw new ContentRejectedError('truncated-image', `the ${input.probe.format} image ends before its end marker (${input.bytes} bytes received)`);
  }
  if (verdict === 'corrupt') throw new ContentRejectedError('corrupt-image', `the ${input.probe.format} image does not decode`);
}

/** Keeps the last bytes of a stream passing through, for the end-marker check. */
export class TailCapture {
  private tail = Buffer.alloc(0);

  async *tap(body: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
    for await (const chunk of body) {
      this.tail = Buffer.concat([this.tail, chunk.subarray(Math.max(0, chunk.length - END_MARKER_TAIL_BYTES))]);
      this.tail = this.tail.subarray(Math.max(0, this.tail.length - END_MARKER_TAIL_BYTES));
      yield chunk;
    }
  }

  bytes(): Buffer {
    return this.tail;
  }
}
