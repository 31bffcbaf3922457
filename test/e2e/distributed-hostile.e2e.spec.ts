import { startDistributedTrawl } from '../support/trawl-deployment';
import { describeHostileServers } from './hostile.suite';

// One fetcher: "the fetcher stays healthy" then means the very process that met the hostile server.
describeHostileServers('distributed: kafka, ferretdb, sqlite event store', (env) => startDistributedTrawl({ fetchers: 1, env }));
