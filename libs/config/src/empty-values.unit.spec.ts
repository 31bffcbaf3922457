import { loadConfig } from './trawl-config';

describe('loadConfig: an empty variable counts as unset', () => {
  it('applies defaults instead of reading empty strings literally', () => {
    const config = loadConfig({ TRAWL_EGRESS_ONLY: '', TRAWL_HEALTH_PORT: '', TRAWL_BLOB_STORE: ' ', TRAWL_USER_AGENT: '', KAFKA_BROKERS: '' });
    // Read literally, '' would be an egress allow-list that allows nothing, and health port 0 a random port.
    expect(config.env.TRAWL_EGRESS_ONLY).toBeUndefined();
    expect(config.env.TRAWL_HEALTH_PORT).toBeUndefined();
    expect(config.blobStore.kind).toBe('file');
    expect(config.env.TRAWL_USER_AGENT).toMatch(/^trawl\//);
    expect(config.jobBus.kind).toBe('local');
  });

  it('still reads a value that is set', () => {
    expect(loadConfig({ TRAWL_EGRESS_ONLY: '127.0.0.0/8', TRAWL_HEALTH_PORT: '9464' }).env).toMatchObject({ TRAWL_EGRESS_ONLY: ['127.0.0.0/8'], TRAWL_HEALTH_PORT: 9464 });
  });
});
