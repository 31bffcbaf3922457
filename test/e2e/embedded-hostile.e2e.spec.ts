import { startEmbeddedTrawl } from '../support/trawl-deployment';
import { describeHostileServers } from './hostile.suite';

describeHostileServers('embedded', (env) => startEmbeddedTrawl({ env }));
