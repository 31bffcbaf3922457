import { assertLoopback, endpointHosts } from './loopback';

describe('endpoint hosts', () => {
  it.each([
    ['127.0.0.1:19092', ['127.0.0.1']],
    ['127.0.0.1:19092,localhost:19093', ['127.0.0.1', 'localhost']],
    ['mongodb://127.0.0.1:27018/', ['127.0.0.1']],
    ['mongodb://user:secret@LOCALHOST:27017,[::1]:27018/db?replicaSet=rs0', ['localhost', '[::1]']],
    ['esdb://127.0.0.1:2113?tls=false', ['127.0.0.1']],
    ['kurrentdb+discover://10.1.2.3:2113', ['10.1.2.3']],
  ])('finds the hosts in %s', (endpoint, hosts) => {
    expect(endpointHosts(endpoint)).toEqual(hosts);
  });

  it('accepts loopback endpoints and refuses any other host', () => {
    expect(() => assertLoopback('MONGO_URL', 'mongodb://localhost:27017,[::1]:27018/')).not.toThrow();
    expect(() => assertLoopback('KAFKA_BROKERS', '127.0.0.1:9092,kafka:9092')).toThrow(/names kafka:/);
    expect(() => assertLoopback('EVENTSTORE_URL', 'esdb://127.0.0.2:2113?tls=false')).toThrow(/127\.0\.0\.2/);
  });
});
