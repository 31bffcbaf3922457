import { loadConfig } from './trawl-config';

describe('loadConfig', () => {
  it('chooses the embedded adapters when no server is configured', () => {
    const config = loadConfig({ TRAWL_DATA_DIR: '/tmp/trawl-x' });
    expect(config.eventStore).toEqual({ kind: 'sqlite', path: '/tmp/trawl-x/events.sqlite' });
    expect(config.jobBus).toEqual({ kind: 'local', path: '/tmp/trawl-x/jobs.sqlite', leaseMs: 30_000, stopGraceMs: 30_000 });
    expect(config.readModels).toEqual({ kind: 'sqlite', path: '/tmp/trawl-x/read-models.sqlite' });
    expect(config.blobStore).toEqual({ kind: 'file', dir: '/tmp/trawl-x/blobs' });
    expect(config.env.PORT).toBe(3000);
  });

  it('chooses the distributed adapters from the endpoints', () => {
    const config = loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093', MONGO_URL: 'mongodb://127.0.0.1/trawl', EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false' });
    expect(config.jobBus).toMatchObject({ kind: 'kafka', brokers: ['127.0.0.1:9092', '127.0.0.1:9093'] });
    expect(config.readModels).toEqual({ kind: 'mongo', url: 'mongodb://127.0.0.1/trawl' });
    expect(config.blobStore).toEqual({ kind: 'gridfs', mongoUrl: 'mongodb://127.0.0.1/trawl' });
    expect(config.eventStore).toEqual({ kind: 'eventstoredb', url: 'esdb://127.0.0.1:2113?tls=false' });
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', TRAWL_MAX_ATTEMPTS: '-1' })).toThrow(/PORT[\s\S]*TRAWL_MAX_ATTEMPTS/);
    expect(() => loadConfig({ TRAWL_BLOB_STORE: 'gridfs' })).toThrow(/gridfs needs MONGO_URL/);
  });

  it('parses CIDR lists', () => {
    expect(loadConfig({ TRAWL_ALLOW_PRIVATE: '127.0.0.0/8, ::1/128' }).env.TRAWL_ALLOW_PRIVATE).toEqual(['127.0.0.0/8', '::1/128']);
  });
});
