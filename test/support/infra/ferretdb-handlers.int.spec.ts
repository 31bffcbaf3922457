import mongoose from 'mongoose';
import { startFerretdbServer, type FerretdbHandler } from './ferretdb-server';
import { postgresBinDir } from './postgres-server';
import { mongoAnswers } from './probes';

// The harness's two FerretDB handlers: each starts, stores and finds by _id and by an indexed field, and
// leaves nothing behind. PostgreSQL is tried only where its programs are installed.
const handlers: FerretdbHandler[] = postgresBinDir() ? ['pg', 'sqlite'] : ['sqlite'];

describe.each(handlers)('FerretDB on its %s handler', (handler) => {
  it('starts on loopback, stores, finds by _id and by an index, guards an update, and stops', async () => {
    const server = await startFerretdbServer(handler);
    expect(server.endpoint).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    const connection = await mongoose.createConnection(server.endpoint, { dbName: 'trawl_handler_check' }).asPromise();
    try {
      const views = connection.db!.collection<{ _id: string; batchId: string; n: number }>('views');
      await views.createIndex({ batchId: 1, n: 1 });
      await views.insertMany(Array.from({ length: 200 }, (_, n) => ({ _id: `t${n}`, batchId: n % 2 ? 'b1' : 'b2', n })));
      expect(await views.findOne({ _id: 't57' })).toMatchObject({ batchId: 'b1', n: 57 });
      const page = await views.find({ batchId: 'b2', n: { $gt: 100 } }).sort({ n: 1 }).limit(3).toArray();
      expect(page.map((view) => view._id)).toEqual(['t102', 't104', 't106']);
      expect((await views.updateOne({ _id: 't57', n: { $lt: 58 } }, { $set: { n: 58 } })).modifiedCount).toBe(1);
      expect((await views.updateOne({ _id: 't57', n: { $lt: 58 } }, { $set: { n: 59 } })).modifiedCount).toBe(0);
    } finally {
      await connection.close();
    }
    await server.stop();
    expect(await mongoAnswers(server.endpoint)).toBe(false);
  }, 60_000);
});
