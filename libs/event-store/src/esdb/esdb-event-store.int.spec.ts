import { describeEventStoreContract } from '../../../../test/contract/event-store.contract';
import { EsdbEventStore } from './esdb-event-store';

const url = process.env.EVENTSTORE_URL;

if (url) {
  // One client per test, on the shared server: the contract keeps every test to its own streams.
  describeEventStoreContract('eventstoredb', async () => {
    const store = new EsdbEventStore({ url });
    return { store, cleanup: () => store.close() };
  });
} else {
  process.stdout.write('event store [eventstoredb]: skipped — EVENTSTORE_URL not set and no Docker engine\n');
  describe.skip('contract: event store [eventstoredb]', () => {
    it('needs an EventStoreDB server (EVENTSTORE_URL)', () => undefined);
  });
}
