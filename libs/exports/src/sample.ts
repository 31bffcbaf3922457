import type { Readable } from 'node:stream';

/**
 * What is known about one collected resource. The named fields are the columns every format carries;
 * any other field is kept too (in the WebDataset JSON, the zip manifest, and Parquet's `extra` column).
 */
export interface SampleMetadata {
  sourceUrl?: string;
  pageUrl?: string;
  sha256?: string;
  width?: number;
  height?: number;
  alt?: string | null;
  caption?: string | null;
  license?: string | null;
  /** ISO 8601. */
  fetchedAt?: string;
  [field: string]: unknown;
}

/** Stored bytes the export reads on demand, one stream at a time (never all at once). */
export interface BlobSource {
  open(): Readable;
  /** Lower-case hex SHA-256 of the bytes: checked while they stream into the export. */
  sha256: string;
}

export interface ImageBlob extends BlobSource {
  /** File extension without the dot: jpg, png, webp, gif, … */
  ext: string;
  /** Exact size: tar headers are written before the bytes. */
  bytes: number;
}

/** One image and what describes it. `key` is unique in the export (an image id, say). */
export interface ImageSample {
  key: string;
  image?: ImageBlob;
  /** The text that goes with the image; falls back to metadata.caption, then metadata.alt. */
  caption?: string;
  metadata: SampleMetadata;
}

/** One page's extracted text. */
export interface PageTextSample {
  key: string;
  text: BlobSource & { bytes?: number };
  metadata: SampleMetadata;
}

export type ExportSample = ImageSample | PageTextSample;

export function isPageText(sample: ExportSample): sample is PageTextSample {
  return 'text' in sample && sample.text !== undefined;
}

/** The text paired with an image: its caption, else its alt text, else empty. */
export function captionOf(sample: ImageSample): string {
  return sample.caption ?? sample.metadata.caption ?? sample.metadata.alt ?? '';
}
