import { UnavailableError } from '@trawl/errors';
import { describeJobBusContract } from '../../../../test/contract/job-bus.contract';
import { KafkaJobBus } from './kafka-job-bus';

const brokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean);
if (!brokers?.length) throw new Error('KAFKA_BROKERS is not set: the Kafka job bus needs a broker');

describeJobBusContract(
  'kafka',
  () => ({
    kind: 'kafka',
    brokers,
    clientId: 'trawl-job-bus-test',
    partitions: 4,
    // Above the broker's floor (group.min.session.timeout.ms, 6 s): at 6 s, a CI run on 2 loaded cores
    // once saw both members of a group expire together (the test process stalled between heartbeats), and
    // the long job below went to the other member after the rejoin.
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 10_000,
    heartbeatIntervalMs: 500,
    maxWaitTimeMs: 500,
    stopGraceMs: 1_500,
  }),
  { outlastLivenessMs: 12_000 },
);

describe('Kafka job bus', () => {
  it('reports an unreachable broker as UnavailableError', async () => {
    // A port nothing listens on (discard): the connection is refused at once.
    const bus = new KafkaJobBus(
      { brokers: ['127.0.0.1:9'], clientId: 'trawl-unreachable', retries: 0, connectionTimeoutMs: 1_000 },
      { log: () => undefined },
    );
    try {
      await expect(bus.ping()).rejects.toBeInstanceOf(UnavailableError);
      await expect(bus.publish('jobs', [{ key: 'k', payload: 1 }])).rejects.toBeInstanceOf(UnavailableError);
    } finally {
      await bus.close();
    }
  });
});
