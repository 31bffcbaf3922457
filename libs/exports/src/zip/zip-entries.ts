import { normalizedExtension, safeSampleKey } from '../sample-key';
import { captionOf, type ExportSample, isPageText } from '../sample';

/** Where a sample's file goes in the zip, and its manifest entry (without the measured fields). */
export interface ZipEntryPlan {
  path: string;
  compress: boolean;
  manifest: Record<string, unknown>;
}

/** `images/{key}.{ext}` and `texts/{key}.txt`; null for an image sample without an image. */
export function zipEntryPlan(sample: ExportSample): ZipEntryPlan | null {
  const key = safeSampleKey(sample.key);
  const { metadata } = sample;
  if (isPageText(sample)) {
    return {
      path: `texts/${key}.txt`,
      compress: true,
      manifest: { kind: 'text', key: sample.key, source: metadata.pageUrl ?? metadata.sourceUrl ?? null, metadata },
    };
  }
  if (!sample.image) return null;
  return {
    path: `images/${key}.${normalizedExtension(sample.image.ext)}`,
    // Image formats are compressed already: deflate would spend time to save nothing.
    compress: false,
    manifest: { kind: 'image', key: sample.key, source: metadata.sourceUrl ?? null, caption: captionOf(sample), metadata },
  };
}

/** The zip's modification time for a sample: when it was fetched, else the DOS epoch (1980). */
export function zipMtime(fetchedAt: string | undefined): Date {
  const at = fetchedAt ? Date.parse(fetchedAt) : Number.NaN;
  return new Date(Number.isNaN(at) || at < DOS_EPOCH ? DOS_EPOCH : at);
}

const DOS_EPOCH = Date.UTC(1980, 0, 1);
