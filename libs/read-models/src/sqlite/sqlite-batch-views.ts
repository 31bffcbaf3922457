import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { decodeTaskCursor, pageLimit, toPage } from '../page-cursor';
import type { BatchListQuery, BatchTaskQuery, BatchView } from '../batch-view.types';
import type { Page, TaskView } from '../read-model.types';

/**
 * Batch views and the tasks of a batch, in the embedded store. Tasks are found by batch through an
 * index on the batchId inside the task's JSON body, so the tasks table needs no new column (files
 * written before batches existed open unchanged).
 */
export const BATCH_DDL = `
  CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS batches_newest_first ON batches (created_at DESC, id DESC);
  CREATE INDEX IF NOT EXISTS tasks_by_batch ON tasks (json_extract(body, '$.batchId'), created_at, id);
  CREATE INDEX IF NOT EXISTS tasks_by_batch_status ON tasks (json_extract(body, '$.batchId'), status, created_at, id);
`;

type Prepare = (sql: string) => StatementSync;

export class SqliteBatchViews {
  constructor(
    private readonly db: DatabaseSync,
    private readonly statement: Prepare,
    private readonly transaction: (work: () => void) => void,
  ) {
    db.exec(BATCH_DDL);
  }

  get(id: string): BatchView | null {
    const row = this.statement('SELECT body FROM batches WHERE id = ?').get(id);
    return row ? (JSON.parse(String(row.body)) as BatchView) : null;
  }

  getMany(ids: readonly string[]): Map<string, BatchView> {
    const views = new Map<string, BatchView>();
    for (const id of new Set(ids)) {
      const view = this.get(id);
      if (view) views.set(id, view);
    }
    return views;
  }

  save(views: readonly BatchView[]): void {
    const upsert = this.statement('INSERT INTO batches (id, created_at, body) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body');
    this.transaction(() => {
      for (const view of views) upsert.run(view.id, view.createdAt, JSON.stringify(view));
    });
  }

  list(query: BatchListQuery): Page<BatchView> {
    const limit = pageLimit(query.limit, 50);
    const params: SQLInputValue[] = [];
    let where = '';
    if (query.after) {
      where = 'WHERE (created_at, id) < (?, ?)';
      params.push(...decodeTaskCursor(query.after));
    }
    const rows = this.statement(`SELECT body FROM batches ${where} ORDER BY created_at DESC, id DESC LIMIT ?`).all(...params, limit + 1);
    return toPage(rows.map((row) => JSON.parse(String(row.body)) as BatchView), limit, (view) => [view.createdAt, view.id]);
  }

  listTasks(batchId: string, query: BatchTaskQuery): Page<TaskView> {
    const limit = pageLimit(query.limit, 50);
    const where = ["json_extract(body, '$.batchId') = ?"];
    const params: SQLInputValue[] = [batchId];
    if (query.status) {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.after) {
      where.push('(created_at, id) > (?, ?)');
      params.push(...decodeTaskCursor(query.after));
    }
    const sql = `SELECT body FROM tasks WHERE ${where.join(' AND ')} ORDER BY created_at, id LIMIT ?`;
    const rows = this.statement(sql).all(...params, limit + 1);
    return toPage(rows.map((row) => JSON.parse(String(row.body)) as TaskView), limit, (task) => [task.createdAt, task.id]);
  }
}
