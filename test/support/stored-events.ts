import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * What an embedded trawl has stored in its SQLite event store (`<TRAWL_DATA_DIR>/events.sqlite`),
 * read straight from the file, read-only: the ground truth behind "nothing was stored".
 */
export function storedEvents(dataDir: string): { events: number; streams: number; urls: string[] } {
  const path = join(dataDir, 'events.sqlite');
  if (!existsSync(path)) return { events: 0, streams: 0, urls: [] };
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    if (!hasTable) return { events: 0, streams: 0, urls: [] };
    const counts = db.prepare('SELECT COUNT(*) AS events, COUNT(DISTINCT stream) AS streams FROM events').get() as { events: number; streams: number };
    const rows = db.prepare("SELECT data FROM events WHERE type = 'TaskRequested' ORDER BY position").all() as { data: string }[];
    return { events: Number(counts.events), streams: Number(counts.streams), urls: rows.map((row) => (JSON.parse(row.data) as { url: string }).url) };
  } finally {
    db.close();
  }
}
