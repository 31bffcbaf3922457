import { startDistributedTrawl } from '../support/trawl-deployment';
import { describeTaskWebhooks } from './webhooks.suite';

// The notifier as a process of its own, beside api, relay, projector and one fetcher (Kafka, FerretDB).
describeTaskWebhooks('distributed', (env) => startDistributedTrawl({ env, fetchers: 1, notifier: true }), 'notifier');
