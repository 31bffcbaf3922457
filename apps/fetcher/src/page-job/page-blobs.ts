import { Readable } from 'node:stream';
import type { BlobStore } from '@trawl/blob-store';
import type { PageDocument } from './page-document';

type BlobRef = { sha256: string; bytes: number } | null;

/**
 * Stores what a page job keeps of a page, content-addressed: its text (and Markdown, when the task
 * asked for it) when text is collected, and the page as received when TRAWL_KEEP_HTML is on, so that
 * its text can be cut again later without fetching it (POST /api/v1/tasks/{id}/extractions).
 */
export async function storePageBlobs(
  blobs: BlobStore,
  page: PageDocument,
  keep: { text: boolean; html: boolean },
  /**
   * The page's HTML when it is stored already (kept as it was downloaded, or the reused copy), or on its
   * way there: not written again, and awaited with the others, so that its failure fails the job too.
   */
  storedHtml: Promise<BlobRef> = Promise.resolve(null),
): Promise<{ text: BlobRef; markdown: BlobRef; html: BlobRef }> {
  const write = async (bytes: Buffer, contentType: string): Promise<BlobRef> => {
    const { sha256, bytes: size } = await blobs.write(Readable.from([bytes]), { contentType });
    return { sha256, bytes: size };
  };
  // Side by side: each write waits for its own fsync, and none needs another's.
  const [text, markdown, stored] = await Promise.all([
    keep.text ? write(Buffer.from(page.text, 'utf8'), 'text/plain; charset=utf-8') : null,
    keep.text && page.markdown !== null ? write(Buffer.from(page.markdown, 'utf8'), 'text/markdown; charset=utf-8') : null,
    storedHtml,
  ]);
  const html = keep.html ? (stored ?? (await write(page.body, page.contentType))) : null;
  return { text, markdown, html };
}
