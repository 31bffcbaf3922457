import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { inDiscoveryOrder, type BatchResultImage, type BatchResultRow, type BatchResultRows, type BatchResultWrites } from '../batch-result.types';

/** The results projection in the embedded store: a row per task of a batch, a row per stored image. */
export const BATCH_RESULTS_DDL = `
  CREATE TABLE IF NOT EXISTS batch_results (
    task_id TEXT PRIMARY KEY,
    batch_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS batch_result_images (
    task_id TEXT NOT NULL,
    id TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (task_id, id)
  );
`;

const UPSERT_ROW = `
  INSERT INTO batch_results (task_id, batch_id, revision, body) VALUES (?, ?, ?, ?)
  ON CONFLICT (task_id) DO UPDATE SET revision = excluded.revision, body = excluded.body
  WHERE excluded.revision > batch_results.revision`;

type Prepare = (sql: string) => StatementSync;

export class SqliteBatchResults {
  constructor(
    db: DatabaseSync,
    private readonly statement: Prepare,
    private readonly transaction: (work: () => void) => void,
  ) {
    db.exec(BATCH_RESULTS_DDL);
  }

  save({ rows, images, expiredTaskIds }: BatchResultWrites): void {
    if (rows.length === 0 && images.length === 0 && expiredTaskIds.length === 0) return;
    const insertImage = this.statement('INSERT OR IGNORE INTO batch_result_images (task_id, id, body) VALUES (?, ?, ?)');
    const removeImages = this.statement('DELETE FROM batch_result_images WHERE task_id = ?');
    const upsertRow = this.statement(UPSERT_ROW);
    this.transaction(() => {
      for (const image of images) insertImage.run(image.taskId, image.id, JSON.stringify(image));
      for (const taskId of expiredTaskIds) removeImages.run(taskId);
      for (const row of rows) upsertRow.run(row.taskId, row.batchId, row.revision, JSON.stringify(row));
    });
  }

  /** The ids go in as one JSON array (json_each), so one statement serves any number of them. */
  list(batchId: string, taskIds: readonly string[]): BatchResultRows {
    const ids = JSON.stringify([...new Set(taskIds)]);
    const rows = new Map<string, BatchResultRow>();
    const images = new Map<string, BatchResultImage[]>();
    if (taskIds.length === 0) return { rows, images };
    const rowSql = 'SELECT body FROM batch_results WHERE task_id IN (SELECT value FROM json_each(?)) AND batch_id = ?';
    for (const { body } of this.statement(rowSql).all(ids, batchId)) {
      const row = JSON.parse(String(body)) as BatchResultRow;
      rows.set(row.taskId, row);
    }
    const imageSql = 'SELECT body FROM batch_result_images WHERE task_id IN (SELECT value FROM json_each(?))';
    for (const { body } of this.statement(imageSql).all(ids)) {
      const image = JSON.parse(String(body)) as BatchResultImage;
      if (image.batchId !== batchId) continue;
      const list = images.get(image.taskId);
      if (list) list.push(image);
      else images.set(image.taskId, [image]);
    }
    for (const list of images.values()) inDiscoveryOrder(list);
    return { rows, images };
  }
}
