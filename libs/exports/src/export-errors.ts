import { TrawlError } from '@trawl/errors';

/** A blob's bytes did not match what the sample said (size or SHA-256): the export is abandoned. */
export class ExportIntegrityError extends TrawlError {
  readonly code = 'export-integrity';
  constructor(readonly key: string, detail: string) {
    super(`sample ${key}: ${detail}`);
  }
}

/** The samples cannot be written in this format (a duplicate key, a bad option). */
export class InvalidExportError extends TrawlError {
  readonly code = 'invalid-export';
}
