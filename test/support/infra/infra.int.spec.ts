import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';

// Proves that the global setup handed the test workers servers that answer: whatever provided them (the
// environment, Docker or the native servers), every int and e2e test relies on this.
describe('test infrastructure', () => {
  const suffix = randomUUID().slice(0, 8);

  it('sets KAFKA_BROKERS to a broker where a topic can be created and listed', async () => {
    const brokers = process.env.KAFKA_BROKERS;
    expect(brokers).toMatch(/^(127\.0\.0\.1|localhost):\d+/);
    const admin = new Kafka({ brokers: brokers!.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const topic = `trawl-infra-check-${suffix}`;
      expect(await admin.createTopics({ topics: [{ topic }], waitForLeaders: true })).toBe(true);
      expect(await admin.listTopics()).toContain(topic);
      await admin.deleteTopics({ topics: [topic] });
    } finally {
      await admin.disconnect();
    }
  });

  it('sets MONGO_URL to a MongoDB-compatible server that pings and stores a document', async () => {
    const url = process.env.MONGO_URL;
    expect(url).toMatch(/^mongodb:\/\/(127\.0\.0\.1|localhost):\d+/);
    const connection = await mongoose.createConnection(url!, { dbName: `trawl_infra_${suffix}` }).asPromise();
    try {
      expect((await connection.db!.admin().ping()).ok).toBe(1);
      await connection.db!.collection('checks').insertOne({ suffix });
      expect(await connection.db!.collection('checks').findOne({ suffix })).toMatchObject({ suffix });
      await connection.db!.dropDatabase();
    } finally {
      await connection.close();
    }
  });

  it('confines the apps under test to loopback', () => {
    expect(process.env.TRAWL_EGRESS_ONLY).toBe('127.0.0.0/8');
  });
});
