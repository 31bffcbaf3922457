import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { UnavailableError } from '@trawl/errors';
import { describeReadModelStoreContract } from '../../../../test/contract/read-model-store.contract';
import { testMongoUrl } from '../../../../test/support/mongo-url';
import { createReadModelStore } from '../create-read-model-store';
import { MongoReadModelStore } from './mongo-read-model-store';

describeReadModelStoreContract('mongo', async () => {
  const url = testMongoUrl(`trawl_read_models_${randomUUID().slice(0, 8)}`);
  const store = await MongoReadModelStore.connect(url);
  return {
    store,
    dispose: async () => {
      await store.close();
      const connection = await mongoose.createConnection(url).asPromise();
      await connection.db!.dropDatabase();
      await connection.close();
    },
  };
});

describe('MongoReadModelStore connection', () => {
  it('is what createReadModelStore opens for mongo, with the indexes the queries use', async () => {
    const url = testMongoUrl(`trawl_read_models_${randomUUID().slice(0, 8)}`);
    const store = await createReadModelStore({ kind: 'mongo', url });
    const inspector = await mongoose.createConnection(url).asPromise();
    try {
      expect(store).toBeInstanceOf(MongoReadModelStore);
      const keys = async (collection: string) => (await inspector.db!.collection(collection).indexes()).map((index) => index.key);
      expect(await keys('task_images')).toEqual(expect.arrayContaining([{ taskId: 1, ordinal: 1, id: 1 }]));
      expect(await keys('task_image_outcomes')).toEqual(expect.arrayContaining([{ taskId: 1, status: 1, ordinal: 1, id: 1 }]));
      expect((await inspector.db!.collection('tasks').indexes()).map((index) => index.key)).toEqual(
        expect.arrayContaining([{ createdAt: -1, _id: -1 }, { status: 1, createdAt: -1, _id: -1 }]),
      );
    } finally {
      await store.close();
      await inspector.db!.dropDatabase();
      await inspector.close();
    }
  });

  it('fails with UnavailableError when no server answers', async () => {
    const error = await MongoReadModelStore.connect('mongodb://127.0.0.1:9/none', { serverSelectionTimeoutMS: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
  });
});
