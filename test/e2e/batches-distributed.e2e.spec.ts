import { describeBatches } from '../support/batch-e2e-suite';
import { startDistributedTrawl } from '../support/trawl-deployment';

describeBatches('distributed: kafka, ferretdb, sqlite event store', () => startDistributedTrawl({ fetchers: 2 }), { projector: 'projector' });
