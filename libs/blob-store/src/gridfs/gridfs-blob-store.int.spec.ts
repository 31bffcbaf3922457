import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import mongoose from 'mongoose';
import { NotFoundError, UnavailableError } from '@trawl/errors';
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

describe('GridFsBlobStore writes of stored bytes', () => {
  const chunkSizeBytes = 1024;
  let connection: mongoose.Connection;
  let store: GridFsBlobStore;
  const chunkInserts: string[] = [];

  beforeAll(async () => {
    connection = await mongoose.createConnection(testMongoUrl(`trawl_blobs_${randomUUID().slice(0, 8)}`), { monitorCommands: true }).asPromise();
    connection.getClient().on('commandStarted', (event) => {
      if (event.commandName === 'insert' && event.command.insert === 'blobs.chunks') chunkInserts.push(event.command.insert);
    });
    store = new GridFsBlobStore(connection, { chunkSizeBytes });
  });

  afterAll(async () => {
    await connection.db!.dropDatabase();
    await connection.close();
  });

  const readAll = async (sha256: string) => Buffer.concat(await (await store.read(sha256)).toArray());

  it('uploads a blob of one chunk or less only once: a second write of its bytes is a look-up', async () => {
    const bytes = Buffer.from('x'.repeat(900));
    const first = await store.write(Readable.from([bytes.subarray(0, 400), bytes.subarray(400)]), { contentType: 'text/plain' });
    const uploaded = chunkInserts.length;
    expect(uploaded).toBeGreaterThan(0);
    const second = await store.write(Readable.from([bytes]), { contentType: 'text/html' });
    expect(chunkInserts.length).toBe(uploaded);
    expect(second).toEqual(first);
    expect(await readAll(first.sha256)).toEqual(bytes);
  });

  it('reads back a small blob it just wrote without looking for its chunks, ranges included, and not once deleted', async () => {
    const chunkFinds: unknown[] = [];
    const listener = (event: { commandName: string; command: Record<string, unknown> }) => {
      if (event.commandName === 'find' && event.command.find === 'blobs.chunks') chunkFinds.push(event.command.filter);
    };
    connection.getClient().on('commandStarted', listener);
    try {
      const bytes = Buffer.from(Array.from({ length: 1000 }, (_, n) => n % 251));
      const { sha256 } = await store.write(Readable.from([bytes]));
      expect(await readAll(sha256)).toEqual(bytes);
      expect(Buffer.concat(await (await store.read(sha256, { start: 10, end: 19 })).toArray())).toEqual(bytes.subarray(10, 20));
      expect(chunkFinds).toEqual([]);
      await store.delete(sha256);
      await expect(store.read(sha256)).rejects.toThrow(NotFoundError);
    } finally {
      connection.getClient().off('commandStarted', listener);
    }
  });

  it('streams a larger blob whole, its first chunks included, and still keeps one copy of it', async () => {
    const pieces = Array.from({ length: 7 }, (_, n) => Buffer.alloc(700, n + 1));
    const whole = Buffer.concat(pieces);
    const first = await store.write(Readable.from(pieces));
    const again = await store.write(Readable.from(pieces));
    expect(again.sha256).toBe(first.sha256);
    expect(first.bytes).toBe(whole.byteLength);
    expect(await readAll(first.sha256)).toEqual(whole);
    expect(await connection.db!.collection('blobs.addresses').countDocuments({ _id: first.sha256 as never })).toBe(1);
    expect(await connection.db!.collection('blobs.files').countDocuments({ filename: { $regex: '^pending-' } })).toBe(0);
  });
});

