import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import mongoose from 'mongoose';
import { UnavailableError } from '@trawl/errors';
import { describeBlobStoreContract } from '../../../../test/contract/blob-store.contract';
import { testMongoUrl } from '../../../../test/support/mongo-url';
import { createBlobStore } from '../create-blob-store';
import { GridFsBlobStore } from './gridfs-blob-store';

describeBlobStoreContract('gridfs', async () => {
  const url = testMongoUrl(`trawl_blobs_${randomUUID().slice(0, 8)}`);
  const store = await GridFsBlobStore.connect(url);
  // A second connection looks behind the store, the way an operator would.
  const inspector = await mongoose.createConnection(url).asPromise();
  const db = inspector.db!;
  return {
    store,
    // Files documents plus chunk groups that belong to no files document (a partial upload).
    countBodies: async () => {
      const fileIds = (await db.collection('blobs.files').distinct('_id')).map(String);
      const chunkOwners = (await db.collection('blobs.chunks').distinct('files_id')).map(String);
      return new Set([...fileIds, ...chunkOwners]).size;
    },
    dispose: async () => {
      await store.close();
      await db.dropDatabase();
      await inspector.close();
    },
  };
});

describe('GridFsBlobStore connection', () => {
  it('is what createBlobStore opens for gridfs, in the bucket asked for', async () => {
    const url = testMongoUrl(`trawl_blobs_${randomUUID().slice(0, 8)}`);
    const store = await createBlobStore({ kind: 'gridfs', mongoUrl: url, bucket: 'images' });
    const inspector = await mongoose.createConnection(url).asPromise();
    try {
      expect(store).toBeInstanceOf(GridFsBlobStore);
      const { sha256 } = await store.write(Readable.from([Buffer.from('in the images bucket')]));
      expect(await inspector.db!.collection('images.files').countDocuments({ filename: sha256 })).toBe(1);
      expect(await inspector.db!.collection('images.addresses').countDocuments({ _id: sha256 as never })).toBe(1);
    } finally {
      await store.close();
      await inspector.db!.dropDatabase();
      await inspector.close();
    }
  });

  it('fails with UnavailableError when no server answers', async () => {
    const error = await GridFsBlobStore.connect('mongodb://127.0.0.1:9/none', { serverSelectionTimeoutMS: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
  });
});
