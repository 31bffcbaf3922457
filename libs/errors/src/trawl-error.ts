/**
 * The project's own small error hierarchy. Adapters translate infrastructure errors into these,
 * and the HTTP edge maps them to RFC 9457 problem responses in one place.
 */
export abstract class TrawlError extends Error {
  /** A stable, machine-readable code (kebab-case), part of the public contract. */
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Optimistic concurrency: the stream is not at the revision the writer expected. */
export class WrongExpectedRevisionError extends TrawlError {
  readonly code = 'wrong-expected-revision';
  constructor(
    readonly streamName: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`stream ${streamName} is at revision ${actual}, expected ${expected}`);
  }
}

/** An event id already stored with different content, or in a different stream. */
export class DuplicateEventError extends TrawlError {
  readonly code = 'duplicate-event';
}

export class NotFoundError extends TrawlError {
  readonly code = 'not-found';
}

/** A write that would exceed a configured byte limit; nothing was stored. */
export class TooLargeError extends TrawlError {
  readonly code = 'too-large';
  constructor(readonly limitBytes: number, what = 'content') {
    super(`${what} exceeds the limit of ${limitBytes} bytes`);
  }
}

/** The infrastructure behind a port did not answer (broker down, database unreachable). */
export class UnavailableError extends TrawlError {
  readonly code = 'unavailable';
}
