import { parentPort, workerData } from 'node:worker_threads';
import { fromWireAppend, toWireOutcome, type WireAppend } from './append-wire';
import { commitGroup } from './sqlite-append';
import { openEventDatabase, prepareEventStatements } from './sqlite-database';

/**
 * The event store's writer thread: its own connection to the file, one group commit per message.
 * The commit's fsync blocks this thread, not the event loop of the process it serves.
 */
const { path, busyTimeoutMs } = workerData as { path: string; busyTimeoutMs: number };
const db = openEventDatabase(path, busyTimeoutMs);
const statements = prepareEventStatements(db);

parentPort!.on('message', (group: WireAppend[]) => {
  parentPort!.postMessage(commitGroup(db, statements, group.map(fromWireAppend)).map(toWireOutcome));
});
