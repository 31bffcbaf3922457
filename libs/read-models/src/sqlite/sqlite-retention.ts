import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { BlobReference, TaskView } from '../read-model.types';

/**
 * Retention's part of the embedded store (ADR 0009): which task references which blob, and the
 * sweeper's queries. Expiry facts live in the task's JSON body, so the tasks table keeps its columns.
 */
export const RETENTION_DDL = `
  CREATE TABLE IF NOT EXISTS blob_references (
    sha256 TEXT NOT NULL,
    task_id TEXT NOT NULL,
    PRIMARY KEY (sha256, task_id)
  );
  CREATE INDEX IF NOT EXISTS blob_references_by_task ON blob_references (task_id);
  CREATE INDEX IF NOT EXISTS tasks_by_expires_at ON tasks (json_extract(body, '$.expiresAt'), status) WHERE json_extract(body, '$.expiresAt') IS NOT NULL;
  CREATE INDEX IF NOT EXISTS tasks_by_status_updated_at ON tasks (status, json_extract(body, '$.updatedAt'));
`;

const FINAL = `status IN ('completed', 'failed', 'cancelled')`;

type Prepare = (sql: string) => StatementSync;

export class SqliteRetention {
  constructor(
    db: DatabaseSync,
    private readonly statement: Prepare,
    private readonly transaction: (work: () => void) => void,
  ) {
    db.exec(RETENTION_DDL);
  }

  saveReferences(references: readonly BlobReference[]): void {
    const insert = this.statement('INSERT OR IGNORE INTO blob_references (sha256, task_id) VALUES (?, ?)');
    this.transaction(() => {
      for (const { sha256, taskId } of references) insert.run(sha256, taskId);
    });
  }

  removeTaskContent(taskIds: readonly string[]): void {
    const images = this.statement('DELETE FROM task_images WHERE task_id = ?');
    const references = this.statement('DELETE FROM blob_references WHERE task_id = ?');
    this.transaction(() => {
      for (const taskId of new Set(taskIds)) {
        images.run(taskId);
        references.run(taskId);
      }
    });
  }

  referencedBlobs(sha256s: readonly string[], exceptTaskIds: readonly string[]): Set<string> {
    const except = new Set(exceptTaskIds);
    const lookup = this.statement('SELECT task_id FROM blob_references WHERE sha256 = ?');
    const referenced = new Set<string>();
    for (const sha256 of new Set(sha256s)) {
      if (lookup.all(sha256).some((row) => !except.has(String(row.task_id)))) referenced.add(sha256);
    }
    return referenced;
  }

  /** Two indexed queries rather than one with OR (which would read every final task on each sweep). */
  listExpiryCandidates(query: { now: string; finalBefore: string | null; limit: number }): TaskView[] {
    const byDate = `SELECT id, body FROM tasks INDEXED BY tasks_by_expires_at WHERE json_extract(body, '$.expiresAt') <= ? AND ${FINAL} LIMIT ?`;
    const rows = this.statement(byDate).all(query.now, query.limit);
    if (query.finalBefore !== null && rows.length < query.limit) {
      const byAge = `SELECT id, body FROM tasks WHERE ${FINAL} AND json_extract(body, '$.updatedAt') <= ? LIMIT ?`;
      rows.push(...this.statement(byAge).all(query.finalBefore, query.limit));
    }
    const unique = new Map(rows.map((row) => [String(row.id), row]));
    return [...unique.values()].slice(0, query.limit).map((row) => JSON.parse(String(row.body)) as TaskView);
  }

  listUnreleasedTombstones(limit: number): TaskView[] {
    const sql = "SELECT body FROM tasks WHERE status = 'expired' AND json_extract(body, '$.blobsReleasedAt') IS NULL LIMIT ?";
    return this.statement(sql).all(limit).map((row) => JSON.parse(String(row.body)) as TaskView);
  }
}
