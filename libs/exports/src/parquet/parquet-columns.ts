import { ParquetSchema } from '@dsnp/parquetjs';
import { captionOf, type ExportSample, type SampleMetadata, isPageText } from '../sample';

/**
 * One row per image and one per page text. Every column but `kind`, `key` and `sha256` is optional
 * (null where it does not apply: `image` on a text row, `text` on an image row, …).
 */
export const EXPORT_PARQUET_SCHEMA = new ParquetSchema({
  /** `image` or `text`. */
  kind: { type: 'UTF8' },
  /** The sample's key as the caller gave it (an image id, a page id). */
  key: { type: 'UTF8' },
  /** SHA-256 of `image` (image rows) or of `text`'s UTF-8 bytes (text rows). */
  sha256: { type: 'UTF8' },
  bytes: { type: 'INT64', optional: true },
  /** The image's file extension (jpg, png, webp, …). */
  ext: { type: 'UTF8', optional: true },
  // No min/max statistics on the bodies: they would copy two whole images (or texts) into every page
  // header and into the footer's index, which is kept in memory until the file ends.
  image: { type: 'BYTE_ARRAY', optional: true, statistics: false },
  text: { type: 'UTF8', optional: true, compression: 'GZIP', statistics: false },
  /** The text paired with the image: its caption, else its alt text (WebDataset's `{key}.txt`). */
  caption: { type: 'UTF8', optional: true },
  alt: { type: 'UTF8', optional: true },
  sourceUrl: { type: 'UTF8', optional: true },
  pageUrl: { type: 'UTF8', optional: true },
  width: { type: 'INT32', optional: true },
  height: { type: 'INT32', optional: true },
  license: { type: 'UTF8', optional: true },
  fetchedAt: { type: 'TIMESTAMP_MILLIS', optional: true },
  /** Any other metadata field, as a JSON object (null when there is none). */
  extra: { type: 'UTF8', optional: true },
});

const NAMED: ReadonlySet<string> = new Set(['sourceUrl', 'pageUrl', 'sha256', 'width', 'height', 'alt', 'caption', 'license', 'fetchedAt']);

/** The row for a sample, given its bytes (read and verified by the caller). */
export function parquetRow(sample: ExportSample, body: Buffer | null): Record<string, unknown> {
  const { metadata } = sample;
  const common = {
    key: sample.key,
    sourceUrl: metadata.sourceUrl,
    pageUrl: metadata.pageUrl,
    width: integerOrUndefined(metadata.width),
    height: integerOrUndefined(metadata.height),
    alt: metadata.alt ?? undefined,
    license: metadata.license ?? undefined,
    fetchedAt: dateOrUndefined(metadata.fetchedAt),
    extra: extraJson(metadata),
  };
  if (isPageText(sample)) {
    return defined({ ...common, kind: 'text', sha256: sample.text.sha256, bytes: body?.byteLength, text: body?.toString('utf8'), caption: metadata.caption ?? undefined });
  }
  const { image } = sample;
  return defined({
    ...common,
    kind: 'image',
    sha256: image?.sha256 ?? metadata.sha256 ?? '',
    bytes: image?.bytes,
    ext: image?.ext,
    image: body ?? undefined,
    caption: captionOf(sample) || undefined,
  });
}

function extraJson(metadata: SampleMetadata): string | undefined {
  const extra = Object.fromEntries(Object.entries(metadata).filter(([name, value]) => !NAMED.has(name) && value !== undefined));
  return Object.keys(extra).length > 0 ? JSON.stringify(extra) : undefined;
}

function integerOrUndefined(value: unknown): number | undefined {
  return Number.isSafeInteger(value) ? (value as number) : undefined;
}

function dateOrUndefined(value: string | undefined): Date | undefined {
  const at = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? undefined : new Date(at);
}

/** parquetjs writes null for a missing optional field, but chokes on an explicit undefined in some types. */
function defined(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined && value !== null));
}
