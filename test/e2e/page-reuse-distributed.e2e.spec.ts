import { startDistributedTrawl } from '../support/trawl-deployment';
import { describePageReuse } from './page-reuse.suite';

describePageReuse('distributed: kafka, ferretdb, 2 fetchers', () => startDistributedTrawl({ fetchers: 2 }));
