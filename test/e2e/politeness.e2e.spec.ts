import { startDistributedTrawl, startEmbeddedTrawl } from '../support/trawl-deployment';
import { POLITENESS_ENV, describePoliteness } from './politeness.suite';

describePoliteness('embedded', () => startEmbeddedTrawl({ env: POLITENESS_ENV }));
describePoliteness('distributed: kafka, ferretdb, sqlite event store', () => startDistributedTrawl({ fetchers: 2, env: POLITENESS_ENV }));
