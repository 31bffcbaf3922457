import { parentPort, workerData } from 'node:worker_threads';
import { fromWireAppend, toWireOutcome, type WireAppend } from './append-wire';
import { beginImmediate } from './begin-immediate';
import { commitGroup } from './sqlite-append';
import { openEventDatabase, prepareEventStatements } from './sqlite-database';

/**
 * The event store's writer thread: its own connection to the file, one group commit per message.
 * The commit's fsync blocks this thread, not the event loop of the process it serves.
 */
const { path, busyTimeoutMs } = workerData as { path: string; busyTimeoutMs: number };
const db = openEventDatabase(path, busyTimeoutMs);
// From here on this connection waits for the write lock in beginImmediate's short steps, not in
// SQLite's busy handler; the open above (WAL mode, schema) still waited in SQLite's.
db.exec('PRAGMA busy_timeout = 0');
const statements = prepareEventStatements(db);
const begin = (connection: typeof db) => beginImmediate(connection, busyTimeoutMs);

parentPort!.on('message', (group: WireAppend[]) => {
  parentPort!.postMessage(commitGroup(db, statements, group.map(fromWireAppend), begin).map(toWireOutcome));
});
