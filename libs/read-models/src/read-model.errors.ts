import { TrawlError } from '@trawl/errors';

/** A page cursor that no listing of this store handed out (HTTP 400). */
export class InvalidCursorError extends TrawlError {
  readonly code = 'invalid-cursor';
  constructor(readonly cursor: string) {
    super('the page cursor is not valid');
  }
}
