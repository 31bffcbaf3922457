import { UnavailableError } from '@trawl/errors';

/** SQLite result codes that mean "the file cannot be used now", not "the request is wrong". */
const UNAVAILABLE_CODES = new Set([
  5, // SQLITE_BUSY: another process held the lock past busy_timeout
  6, // SQLITE_LOCKED
  10, // SQLITE_IOERR
  13, // SQLITE_FULL
  14, // SQLITE_CANTOPEN
]);

/** Runs `action`, translating an unusable database into UnavailableError. */
export function translatingSqliteErrors<T>(doing: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    const errcode = (error as { errcode?: number }).errcode;
    if (errcode !== undefined && UNAVAILABLE_CODES.has(errcode & 0xff)) {
      throw new UnavailableError(`job queue unavailable while ${doing}: ${(error as Error).message}`, { cause: error });
    }
    throw error;
  }
}
