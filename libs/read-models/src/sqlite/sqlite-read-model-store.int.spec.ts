import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReadModelStoreContract } from '../../../../test/contract/read-model-store.contract';
import { aTask } from '../../../../test/contract/read-model-fixtures';
import { createReadModelStore } from '../create-read-model-store';
import { SqliteReadModelStore } from './sqlite-read-model-store';

describeReadModelStoreContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'trawl-read-models-'));
  const store = new SqliteReadModelStore(join(dir, 'read-models.sqlite'));
  return {
    store,
    dispose: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteReadModelStore file', () => {
  it('keeps its views across a reopen of the same file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trawl-read-models-'));
    try {
      const path = join(dir, 'nested', 'read-models.sqlite');
      const first = await createReadModelStore({ kind: 'sqlite', path });
      expect(first).toBeInstanceOf(SqliteReadModelStore);
      await first.saveTask(aTask({ id: 'kept', revision: 4 }));
      await first.saveCheckpoint('projector', '9');
      await first.close();
      const second = new SqliteReadModelStore(path);
      expect(await second.getTask('kept')).toEqual(aTask({ id: 'kept', revision: 4 }));
      expect(await second.getCheckpoint('projector')).toBe('9');
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
