import type { DatabaseSync } from 'node:sqlite';

/** Every table of the store, emptied by dropAll and by a rebuild. */
export const ALL_TABLES = ['tasks', 'task_images', 'checkpoints', 'batches', 'blob_references', 'batch_results', 'batch_result_images'];

/**
 * Tables whose secondary indexes a rebuild builds once, after its load, instead of row by row: a
 * rebuild looks these tables up by primary key only. blob_references keeps its index on task_id,
 * which an expiry in the replayed log deletes by.
 */
const DEFERRED_INDEX_TABLES = ['tasks', 'task_images', 'batches'];

/**
 * The page cache a rebuild's transaction may use (KiB), so that it does not spill pages to the WAL
 * and write them again before it commits: a rebuild of 39,000 events writes some 30 MB.
 */
const REBUILD_CACHE_KIB = 256 * 1024;

/**
 * Runs a whole rebuild (empty every table, then `load` the replayed read models through the store's
 * own methods) as ONE transaction on the store's connection:
 * - atomic: readers see the old read models until the commit, then the new ones; a rebuild killed or
 *   failing halfway rolls back (a killed process leaves only uncommitted WAL frames, which SQLite
 *   ignores), so the old read models and their checkpoint keep serving;
 * - cheap: every page is written to the WAL once, at the commit, and the secondary indexes of the big
 *   tables are dropped at the start and created again from their own SQL at the end (one sort per
 *   index instead of a b-tree insert per row), inside the same transaction, so no reader sees them
 *   missing.
 * The store's methods run inside it as savepoints (see SqliteReadModelStore.transaction). A savepoint,
 * like an upsert that may abort halfway, keeps the pages it changes in a statement journal, a temporary
 * file by default: at 39,000 events 11,000 pages in 22,000 write calls, more than the WAL itself. The
 * load keeps it in memory (`temp_store`, read at BEGIN; one store call's pages at a time); the index
 * builds sort in the page cache's room and spill to temporary files beyond it, as before, so a big
 * store's sort need not fit in memory. It holds the write lock throughout: another writer (a projector
 * left running) waits, then fails as busy.
 */
export async function inOneRebuildTransaction<T>(db: DatabaseSync, load: () => Promise<T>): Promise<T> {
  const tempStore = `PRAGMA temp_store = ${pragma(db, 'temp_store')};`;
  const settings = `PRAGMA cache_size = ${pragma(db, 'cache_size')}; ${tempStore}`;
  db.exec(`PRAGMA cache_size = -${REBUILD_CACHE_KIB}; PRAGMA temp_store = MEMORY;`);
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      const deferred = secondaryIndexes(db);
      for (const { name } of deferred) db.exec(`DROP INDEX "${name}"`);
      db.exec(ALL_TABLES.map((table) => `DELETE FROM ${table};`).join(' '));
      const result = await load();
      db.exec(tempStore);
      for (const { sql } of deferred) db.exec(sql);
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  } finally {
    db.exec(settings);
  }
}

function pragma(db: DatabaseSync, name: 'cache_size' | 'temp_store'): number {
  return Number(Object.values(db.prepare(`PRAGMA ${name}`).get()!)[0]);
}

/** The deferred tables' indexes as their DDL made them (primary keys' own indexes have no SQL and stay). */
function secondaryIndexes(db: DatabaseSync): { name: string; sql: string }[] {
  const tables = DEFERRED_INDEX_TABLES.map((table) => `'${table}'`).join(', ');
  const rows = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables}) ORDER BY name`).all();
  return rows.map((row) => ({ name: String(row.name), sql: String(row.sql) }));
}
