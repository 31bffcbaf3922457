import { startDistributedTrawl } from '../support/trawl-deployment';
import { describeTaskLifecycle } from './task-lifecycle.suite';

// EventStoreDB has no native build for this machine: the suite runs where EVENTSTORE_URL is set or the
// global setup started one with Testcontainers (Docker), and says plainly when it cannot.
const eventStoreUrl = process.env.EVENTSTORE_URL;

if (eventStoreUrl) {
  describeTaskLifecycle('distributed: kafka, ferretdb, eventstoredb', () => startDistributedTrawl({ fetchers: 2, eventStoreUrl }));
} else {
  process.stdout.write('e2e: task lifecycle [distributed: kafka, ferretdb, eventstoredb]: skipped — EVENTSTORE_URL not set and no Docker engine\n');
  describe.skip('e2e: task lifecycle [distributed: kafka, ferretdb, eventstoredb]', () => {
    it('needs EventStoreDB', () => undefined);
  });
}
