import { startEmbeddedTrawl } from '../support/trawl-deployment';
import { describeTaskWebhooks } from './webhooks.suite';

describeTaskWebhooks('embedded', (env) => startEmbeddedTrawl({ env }), 'trawl');
