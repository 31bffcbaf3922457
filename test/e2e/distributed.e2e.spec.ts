import { startDistributedTrawl } from '../support/trawl-deployment';
import { describeTaskLifecycle } from './task-lifecycle.suite';

describeTaskLifecycle('distributed: kafka, ferretdb, sqlite event store', () => startDistributedTrawl({ fetchers: 2 }));
