import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

/**
 * Where a file blob store keeps things under its directory:
 * `<dir>/<aa>/<bb>/<sha256>` for the bytes, `<sha256>.json` beside it for metadata, named references
 * as `<dir>/refs/<name>.json`, and `<dir>/.tmp/`
 * for writes in progress (same file system, so the final rename is atomic). The two-level fan-out
 * keeps directories small; `.tmp` and `refs` cannot clash with a two-hex-digit folder.
 */
export class FileBlobLayout {
  readonly tempDir: string;

  constructor(readonly root: string) {
    this.tempDir = join(root, '.tmp');
  }

  /** Only for addresses that passed isSha256Address. */
  blobPath(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  metadataPath(sha256: string): string {
    return `${this.blobPath(sha256)}.json`;
  }

  /** Only for names that passed isReferenceName. `.json` so that it never counts as a body. */
  referencePath(name: string): string {
    return join(this.root, 'refs', `${name}.json`);
  }

  newTempPath(suffix: string): string {
    return join(this.tempDir, `${randomUUID()}${suffix}`);
  }
}

/** The sidecar beside each blob; bytes come from the file itself. */
export interface FileBlobMetadata {
  contentType?: string;
}
