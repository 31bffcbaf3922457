import { DuplicateEventError, UnavailableError, WrongExpectedRevisionError } from '@trawl/errors';
import type { AppendOutcome, PendingAppend } from './sqlite-append';

/** An append as it crosses to the writer thread (a Date does cross, but as an ISO string it is plainer). */
export type WireAppend = Omit<PendingAppend, 'recordedAt'> & { recordedAt: string };

type WireError =
  | { kind: 'wrong-expected-revision'; streamName: string; expected: string; actual: string }
  | { kind: 'duplicate-event' | 'unavailable' | 'other'; message: string };

/** An outcome as it crosses back: errors as data, since a class does not survive structured cloning. */
export type WireOutcome = Exclude<AppendOutcome, { ok: false }> | { ok: false; error: WireError };

export const toWireAppend = (append: PendingAppend): WireAppend => ({ ...append, recordedAt: append.recordedAt.toISOString() });

export const fromWireAppend = (append: WireAppend): PendingAppend => ({ ...append, recordedAt: new Date(append.recordedAt) });

export function toWireOutcome(outcome: AppendOutcome): WireOutcome {
  if (outcome.ok) return outcome;
  const { error } = outcome;
  if (error instanceof WrongExpectedRevisionError) {
    return { ok: false, error: { kind: 'wrong-expected-revision', streamName: error.streamName, expected: error.expected, actual: error.actual } };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DuplicateEventError) return { ok: false, error: { kind: 'duplicate-event', message } };
  if (error instanceof UnavailableError) return { ok: false, error: { kind: 'unavailable', message } };
  return { ok: false, error: { kind: 'other', message } };
}

export function fromWireOutcome(outcome: WireOutcome): AppendOutcome {
  if (outcome.ok) return outcome;
  const { error } = outcome;
  switch (error.kind) {
    case 'wrong-expected-revision':
      return { ok: false, error: new WrongExpectedRevisionError(error.streamName, error.expected, error.actual) };
    case 'duplicate-event':
      return { ok: false, error: new DuplicateEventError(error.message) };
    case 'unavailable':
      return { ok: false, error: new UnavailableError(error.message) };
    default:
      return { ok: false, error: new Error(`the SQLite event store failed to append: ${error.message}`) };
  }
}
