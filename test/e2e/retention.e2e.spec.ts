import { startEmbeddedTrawl } from '../support/trawl-deployment';
import { RETENTION_ENV, describeRetention } from './retention.suite';

describeRetention('embedded', () => startEmbeddedTrawl({ env: RETENTION_ENV }));
