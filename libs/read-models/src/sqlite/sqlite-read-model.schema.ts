/**
 * Tables of the embedded read-model store. Each row keeps the whole view as JSON in `body`; the
 * columns beside it are the ones queries filter and sort on, and the revision guard.
 */
export const READ_MODEL_DDL = `
  CREATE TABLE IF NOT EXISTS tasks (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revision INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS tasks_newest_first ON tasks (created_at DESC, id DESC);
  CREATE INDEX IF NOT EXISTS tasks_by_status_newest_first ON tasks (status, created_at DESC, id DESC);

  CREATE TABLE IF NOT EXISTS task_images (
    task_id TEXT NOT NULL,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    status TEXT NOT NULL,
    revision INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (task_id, id)
  );
  CREATE INDEX IF NOT EXISTS task_images_in_order ON task_images (task_id, ordinal, id);
  CREATE INDEX IF NOT EXISTS task_images_by_status_in_order ON task_images (task_id, status, ordinal, id);

  CREATE TABLE IF NOT EXISTS checkpoints (
    name TEXT PRIMARY KEY,
    position TEXT NOT NULL
  );
`;

/** An upsert whose update half applies only to a strictly newer revision: `changes` tells if it wrote. */
export const UPSERT_TASK = `
  INSERT INTO tasks (id, status, created_at, revision, body) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET
    status = excluded.status, created_at = excluded.created_at, revision = excluded.revision, body = excluded.body
  WHERE excluded.revision > tasks.revision`;

/**
 * Rows are written once (see ReadModelStore.saveImages): only an outcome replaces a pending row, and
 * it keeps what only discovery knows (`via`, the image–text `context`).
 */
export const UPSERT_IMAGE = `
  INSERT INTO task_images (task_id, id, ordinal, status, revision, body) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (task_id, id) DO UPDATE SET
    ordinal = excluded.ordinal, status = excluded.status, revision = excluded.revision,
    body = json_patch(excluded.body, json_object('via', task_images.body -> '$.via', 'context', task_images.body -> '$.context'))
  WHERE task_images.status = 'pending' AND excluded.status <> 'pending'`;
