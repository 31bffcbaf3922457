import { startDistributedTrawl } from '../support/trawl-deployment';
import { RETENTION_ENV, describeRetention } from './retention.suite';

describeRetention('distributed', () => startDistributedTrawl({ env: RETENTION_ENV, sweeper: true, fetchers: 1 }));
