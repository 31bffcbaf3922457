import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { aTask, anImage } from '../../../../test/contract/read-model-fixtures';
import { SqliteReadModelStore } from './sqlite-read-model-store';

const ROOT = join(__dirname, '../../../..');

/** The file's schema as SQLite keeps it (tables and indexes, with their SQL). */
function schemaOf(path: string): string[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name').all().map((row) => JSON.stringify(row));
  } finally {
    db.close();
  }
}

/** Read models as a running API would find them: two tasks, an image, a checkpoint. */
async function givenOldReadModels(store: SqliteReadModelStore): Promise<void> {
  await store.saveTasks([aTask({ id: 'old-1', revision: 3 }), aTask({ id: 'old-2', status: 'completed', revision: 5 })]);
  await store.saveImages([anImage({ taskId: 'old-1', id: 'old-img' })]);
  await store.saveCheckpoint('projector', '40');
}

describe('SqliteReadModelStore.replaceAll, the rebuild in one transaction', () => {
  let dir: string;
  let path: string;
  let store: SqliteReadModelStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trawl-rebuild-tx-'));
    path = join(dir, 'read-models.sqlite');
    store = new SqliteReadModelStore(path);
    await givenOldReadModels(store);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces every read model; another connection sees the old ones until the commit, then the new ones, with every index as before', async () => {
    const schemaBefore = schemaOf(path);
    let reader: SqliteReadModelStore | undefined;
    try {
      const seenDuring = await store.replaceAll(async () => {
        // A process that opens the store meanwhile (the API starting) is not locked out: its DDL finds every table.
        reader = new SqliteReadModelStore(path);
        await store.saveTasks([aTask({ id: 'new-1', revision: 7 })]);
        await store.saveImages([anImage({ taskId: 'new-1', id: 'new-img', status: 'stored', revision: 7 })]);
        await store.saveCheckpoint('projector', '99');
        // The rebuild's own connection reads what it wrote; the other one still the old read models.
        expect(await store.getTask('old-1')).toBeNull();
        expect(await store.getTask('new-1')).toMatchObject({ id: 'new-1' });
        return { old: await reader.getTask('old-1'), fresh: await reader.getTask('new-1'), checkpoint: await reader.getCheckpoint('projector') };
      });
      expect(seenDuring).toEqual({ old: aTask({ id: 'old-1', revision: 3 }), fresh: null, checkpoint: '40' });
      reader = reader!;
      expect(await reader.getTask('old-1')).toBeNull();
      expect(await reader.getTask('new-1')).toEqual(aTask({ id: 'new-1', revision: 7 }));
      expect((await reader.listImages('new-1')).items.map((image) => image.id)).toEqual(['new-img']);
      expect(await reader.listImages('old-1')).toMatchObject({ items: [] });
      expect(await reader.getCheckpoint('projector')).toBe('99');
      expect((await reader.listTasks({ status: 'running', limit: 50 })).items.map((task) => task.id)).toEqual(['new-1']);
    } finally {
      await reader?.close();
    }
    expect(schemaOf(path)).toEqual(schemaBefore);
  });

  it('a load that fails leaves the old read models, their checkpoint and indexes, and the store usable', async () => {
    const schemaBefore = schemaOf(path);
    const failing = store.replaceAll(async () => {
      await store.saveTasks([aTask({ id: 'new-1', revision: 7 })]);
      throw new Error('the event store went away');
    });
    await expect(failing).rejects.toThrow('the event store went away');
    expect(schemaOf(path)).toEqual(schemaBefore);
    expect(await store.getTask('new-1')).toBeNull();
    expect(await store.getTask('old-2')).toMatchObject({ id: 'old-2', status: 'completed' });
    expect(await store.getCheckpoint('projector')).toBe('40');
    await store.saveTask(aTask({ id: 'after', revision: 1 }));
    expect(await store.getTask('after')).toMatchObject({ id: 'after' });
  });

  it('a store call that fails inside it undoes only its own writes (a savepoint), as outside a rebuild', async () => {
    await store.replaceAll(async () => {
      await store.saveTasks([aTask({ id: 'new-1', revision: 7 })]);
      // A row the NOT NULL column refuses, after one it accepted: the call writes neither.
      const bad = [anImage({ taskId: 'new-1', id: 'a' }), anImage({ taskId: 'new-1', id: 'b', status: null as never })];
      await expect(store.saveImages(bad)).rejects.toThrow();
      expect(await store.getImage('new-1', 'a')).toBeNull();
    });
    expect(await store.getTask('new-1')).toMatchObject({ id: 'new-1' });
  });

  it('a rebuild process killed halfway leaves the old read models serving', async () => {
    await store.close();
    const script = join(dir, 'killed-rebuild.ts');
    await writeFile(
      script,
      `import { SqliteReadModelStore } from ${JSON.stringify(join(ROOT, 'libs/read-models/src/sqlite/sqlite-read-model-store'))};
       const store = new SqliteReadModelStore(${JSON.stringify(path)});
       void store.replaceAll(async () => {
         const views = Array.from({ length: 2000 }, (_, n) => ({ ...JSON.parse(process.env.TASK!), id: 'new-' + n }));
         await store.saveTasks(views);
         await store.saveCheckpoint('projector', '99');
         process.stdout.write('loaded\\n');
         await new Promise(() => setInterval(() => undefined, 1000));
       });`,
    );
    const child = spawn(process.execPath, ['--require', '@swc-node/register', script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', TASK: JSON.stringify(aTask({ revision: 7 })) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('loaded') && resolve()));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    store = new SqliteReadModelStore(path);
    expect(await store.getTask('new-0')).toBeNull();
    expect(await store.getTask('old-1')).toEqual(aTask({ id: 'old-1', revision: 3 }));
    expect(await store.getCheckpoint('projector')).toBe('40');
    expect((await store.listTasks({ limit: 50 })).items.map((task) => task.id).sort()).toEqual(['old-1', 'old-2']);
  }, 60_000);
});
