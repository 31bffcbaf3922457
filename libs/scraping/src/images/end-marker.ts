/** What a format's own framing says about whether a file arrived whole. */
export type EndMarkerVerdict = 'complete' | 'incomplete' | 'unknown';

/** Bytes of the end of a file that {@link endMarkerVerdict} needs. */
export const END_MARKER_TAIL_BYTES = 16;

const PNG_IEND = Buffer.from('0000000049454e44ae426082', 'hex');
const JPEG_EOI = Buffer.from('ffd9', 'hex');
/** The last image-data sub-block terminator, then the trailer: `00 3B`. */
const GIF_END = Buffer.from('003b', 'hex');

/**
 * Checks the end of a file against its format's framing, in constant time and memory: PNG ends with
 * its IEND chunk (CRC included), JPEG with EOI (`FFD9` cannot occur inside entropy-coded data, which
 * stuffs every `FF`), GIF with `00 3B`; WebP, BMP and ICO declare their size in the header, and a
 * shorter file is cut. TIFF, HEIF/AVIF and SVG have no such marker: `unknown`.
 *
 * `incomplete` is a strong hint, not proof: a JPEG or PNG may carry trailing bytes after its end
 * (camera trailers, padding), which is why a decoder gets the last word on small files.
 */
export function endMarkerVerdict(format: string, head: Buffer, tail: Buffer, totalBytes: number): EndMarkerVerdict {
  switch (format) {
    case 'png':
      return endsWith(tail, PNG_IEND);
    case 'jpeg':
      return endsWith(tail, JPEG_EOI);
    case 'gif':
      return endsWith(tail, GIF_END);
    case 'webp':
      // RIFF size counts the bytes after its own 8-byte header.
      return declaredSize(head, 4, 8, totalBytes, (at) => head.readUInt32LE(at) + 8);
    case 'bmp':
      return declaredSize(head, 2, 4, totalBytes, (at) => head.readUInt32LE(at));
    case 'ico':
    case 'cur':
      return icoVerdict(head, totalBytes);
    default:
      return 'unknown';
  }
}

function endsWith(tail: Buffer, marker: Buffer): EndMarkerVerdict {
  return tail.length >= marker.length && tail.subarray(tail.length - marker.length).equals(marker) ? 'complete' : 'incomplete';
}

function declaredSize(head: Buffer, offset: number, width: number, totalBytes: number, read: (at: number) => number): EndMarkerVerdict {
  if (head.length < offset + width) return 'unknown';
  return totalBytes >= read(offset) ? 'complete' : 'incomplete';
}

/** ICO / CUR: a directory of 16-byte entries after a 6-byte header; each names its data's size and offset. */
function icoVerdict(head: Buffer, totalBytes: number): EndMarkerVerdict {
  if (head.length < 6) return 'unknown';
  const count = head.readUInt16LE(4);
  if (head.length < 6 + count * 16) return 'unknown';
  let end = 0;
  for (let entry = 0; entry < count; entry += 1) {
    const at = 6 + entry * 16;
    end = Math.max(end, head.readUInt32LE(at + 12) + head.readUInt32LE(at + 8));
  }
  return totalBytes >= end ? 'complete' : 'incomplete';
}
