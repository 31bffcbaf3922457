import { TrawlError } from '@trawl/errors';

/** A byte range that selects no byte of the blob (HTTP 416). */
export class RangeNotSatisfiableError extends TrawlError {
  readonly code = 'range-not-satisfiable';
  constructor(
    readonly start: number,
    readonly end: number,
    readonly size: number,
  ) {
    super(`range ${start}-${end} selects no byte of a blob of ${size} bytes`);
  }
}
