import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { UnavailableError } from '@trawl/errors';
import { DEFAULT_IMAGE_PAGE_LIMIT, decodeImageCursor, decodeTaskCursor, pageLimit, toPage } from '../page-cursor';
import type { ReadModelStore } from '../read-model-store.port';
import { emptyTaskCounts, type BlobReference, type ImageStatus, type ImageView, type Page, type TaskListQuery, type TaskStatus, type TaskView } from '../read-model.types';
import { READ_MODEL_DDL, UPSERT_IMAGE, UPSERT_TASK } from './sqlite-read-model.schema';
import { SqliteBatchViews } from './sqlite-batch-views';
import { coalesceImageRows } from './coalesce-image-rows';
import { SqliteRetention } from './sqlite-retention';
import { SqliteBatchResults } from './sqlite-batch-results';
import { ALL_TABLES, inOneRebuildTransaction } from './sqlite-rebuild-transaction';
import type { BatchResultRows, BatchResultWrites } from '../batch-result.types';
import type { BatchListQuery, BatchTaskQuery, BatchView } from '../batch-view.types';

/**
 * Read models in one SQLite file (the embedded mode, no server), on Node's built-in `node:sqlite`.
 * WAL lets readers run while the projector writes. Calls are synchronous underneath and short
 * (indexed, one page at a time), so they do not hold the event loop for long.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private readonly batches: SqliteBatchViews;
  private readonly retention: SqliteRetention;
  private readonly results: SqliteBatchResults;

  /** Opens (creating if needed) the database at `path`; `:memory:` works too. */
  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    try {
      this.db = new DatabaseSync(path);
      this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
      this.db.exec(READ_MODEL_DDL);
      this.batches = new SqliteBatchViews(this.db, (sql) => this.statement(sql), (work) => this.transaction(work));
      this.retention = new SqliteRetention(this.db, (sql) => this.statement(sql), (work) => this.transaction(work));
      this.results = new SqliteBatchResults(this.db, (sql) => this.statement(sql), (work) => this.transaction(work));
    } catch (error) {
      throw new UnavailableError(`read-model database ${path} cannot be opened: ${(error as Error).message}`, { cause: error });
    }
  }

  async getTask(id: string): Promise<TaskView | null> {
    const row = this.statement('SELECT body FROM tasks WHERE id = ?').get(id);
    return row ? parse<TaskView>(row) : null;
  }

  async getTaskRevision(id: string): Promise<number | null> {
    const row = this.statement('SELECT revision FROM tasks WHERE id = ?').get(id);
    return row ? Number(row.revision) : null;
  }

  async getTasks(ids: readonly string[]): Promise<Map<string, TaskView>> {
    const get = this.statement('SELECT body FROM tasks WHERE id = ?');
    const views = new Map<string, TaskView>();
    for (const id of new Set(ids)) {
      const row = get.get(id);
      if (row) views.set(id, parse<TaskView>(row));
    }
    return views;
  }

  async saveTask(view: TaskView): Promise<boolean> {
    const result = this.statement(UPSERT_TASK).run(view.id, view.status, view.createdAt, view.revision, JSON.stringify(view));
    return Number(result.changes) > 0;
  }

  async saveTasks(views: readonly TaskView[]): Promise<void> {
    const upsert = this.statement(UPSERT_TASK);
    this.transaction(() => {
      for (const view of views) upsert.run(view.id, view.status, view.createdAt, view.revision, JSON.stringify(view));
    });
  }

  async countTasks(): Promise<Record<TaskStatus, number>> {
    const counts = emptyTaskCounts();
    for (const row of this.statement('SELECT status, COUNT(*) AS n FROM tasks GROUP BY status').all()) {
      const status = row.status as TaskStatus;
      if (status in counts) counts[status] = Number(row.n);
    }
    return counts;
  }

  async listTasks(query: TaskListQuery): Promise<Page<TaskView>> {
    const limit = pageLimit(query.limit, 50);
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    if (query.status) {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.after) {
      where.push('(created_at, id) < (?, ?)');
      params.push(...decodeTaskCursor(query.after));
    }
    const sql = `SELECT body FROM tasks ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`;
    const rows = this.statement(sql).all(...params, limit + 1);
    return toPage(rows.map((row) => parse<TaskView>(row)), limit, (task) => [task.createdAt, task.id]);
  }

  async saveImages(rows: readonly ImageView[]): Promise<void> {
    const upsert = this.statement(UPSERT_IMAGE);
    // One transaction per batch: all rows or none, and one commit instead of one per row.
    this.transaction(() => {
      for (const row of coalesceImageRows(rows)) upsert.run(row.taskId, row.id, row.ordinal, row.status, row.revision, JSON.stringify(row));
    });
  }

  async getImages(taskId: string, imageIds: readonly string[]): Promise<Map<string, ImageView>> {
    const get = this.statement('SELECT body FROM task_images WHERE task_id = ? AND id = ?');
    const rows = new Map<string, ImageView>();
    for (const id of new Set(imageIds)) {
      const row = get.get(taskId, id);
      if (row) rows.set(id, parse<ImageView>(row));
    }
    return rows;
  }

  async getImage(taskId: string, imageId: string): Promise<ImageView | null> {
    const row = this.statement('SELECT body FROM task_images WHERE task_id = ? AND id = ?').get(taskId, imageId);
    return row ? parse<ImageView>(row) : null;
  }

  async listImages(taskId: string, query: { status?: ImageStatus; limit?: number; after?: string } = {}): Promise<Page<ImageView>> {
    const limit = pageLimit(query.limit, DEFAULT_IMAGE_PAGE_LIMIT);
    const where = ['task_id = ?'];
    const params: SQLInputValue[] = [taskId];
    if (query.status) {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.after) {
      where.push('(ordinal, id) > (?, ?)');
      params.push(...decodeImageCursor(query.after));
    }
    const sql = `SELECT body FROM task_images WHERE ${where.join(' AND ')} ORDER BY ordinal, id LIMIT ?`;
    const rows = this.statement(sql).all(...params, limit + 1);
    return toPage(rows.map((row) => parse<ImageView>(row)), limit, (image) => [image.ordinal, image.id]);
  }

  async countImages(taskId: string): Promise<Record<ImageStatus, number>> {
    const rows = this.statement('SELECT status, COUNT(*) AS n FROM task_images WHERE task_id = ? GROUP BY status').all(taskId);
    const counts: Record<ImageStatus, number> = { pending: 0, stored: 0, failed: 0 };
    for (const row of rows) {
      const status = row.status as ImageStatus;
      if (status in counts) counts[status] = Number(row.n);
    }
    return counts;
  }

  async getBatch(id: string): Promise<BatchView | null> {
    return this.batches.get(id);
  }
  async getBatches(ids: readonly string[]): Promise<Map<string, BatchView>> {
    return this.batches.getMany(ids);
  }
  async saveBatches(views: readonly BatchView[]): Promise<void> {
    this.batches.save(views);
  }
  async listBatches(query: BatchListQuery): Promise<Page<BatchView>> {
    return this.batches.list(query);
  }
  async listBatchTasks(batchId: string, query: BatchTaskQuery): Promise<Page<TaskView>> {
    return this.batches.listTasks(batchId, query);
  }
  async saveBatchResults(writes: BatchResultWrites): Promise<void> {
    this.results.save(writes);
  }
  async listBatchResults(batchId: string, taskIds: readonly string[]): Promise<BatchResultRows> {
    return this.results.list(batchId, taskIds);
  }
  async saveBlobReferences(references: readonly BlobReference[]): Promise<void> {
    this.retention.saveReferences(references);
  }
  async removeTaskContent(taskIds: readonly string[]): Promise<void> {
    this.retention.removeTaskContent(taskIds);
  }
  async referencedBlobs(sha256s: readonly string[], exceptTaskIds: readonly string[]): Promise<Set<string>> {
    return this.retention.referencedBlobs(sha256s, exceptTaskIds);
  }
  async listExpiryCandidates(query: { now: string; finalBefore: string | null; limit: number }): Promise<TaskView[]> {
    return this.retention.listExpiryCandidates(query);
  }
  async listUnreleasedTombstones(limit: number): Promise<TaskView[]> {
    return this.retention.listUnreleasedTombstones(limit);
  }
  async getCheckpoint(name: string): Promise<string | null> {
    const row = this.statement('SELECT position FROM checkpoints WHERE name = ?').get(name);
    return row ? String(row.position) : null;
  }

  async saveCheckpoint(name: string, position: string): Promise<void> {
    const upsert = 'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position';
    this.statement(upsert).run(name, position);
  }

  async dropAll(): Promise<void> {
    this.transaction(() => this.db.exec(ALL_TABLES.map((table) => `DELETE FROM ${table};`).join(' ')));
  }

  /**
   * Empties every read model, then runs `load` (which writes the replayed ones through this store),
   * all in one transaction: readers see the old read models until it commits, and a rebuild that fails
   * or is killed halfway leaves them as they were (see inOneRebuildTransaction). Nothing else may
   * use this store until it settles.
   */
  async replaceAll<T>(load: () => Promise<T>): Promise<T> {
    return inOneRebuildTransaction(this.db, load);
  }

  async ping(): Promise<void> {
    try {
      this.statement('SELECT 1').get();
    } catch (error) {
      throw new UnavailableError(`read-model database ${this.path} does not answer`, { cause: error });
    }
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }

  /** Prepared once per SQL text (listings build a handful of variants). */
  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Inside a rebuild's transaction (replaceAll), a savepoint: the call's writes still go all or none. */
  private transaction(work: () => void): void {
    if (this.db.isTransaction) return this.savepoint(work);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private savepoint(work: () => void): void {
    this.db.exec('SAVEPOINT store_call');
    try {
      work();
      this.db.exec('RELEASE store_call');
    } catch (error) {
      this.db.exec('ROLLBACK TO store_call; RELEASE store_call');
      throw error;
    }
  }
}

function parse<T>(row: Record<string, unknown>): T {
  return JSON.parse(String(row.body)) as T;
}
