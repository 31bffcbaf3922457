import { describeBatches } from '../support/batch-e2e-suite';
import { startEmbeddedTrawl } from '../support/trawl-deployment';

describeBatches('embedded', () => startEmbeddedTrawl(), { projector: 'trawl', pages: 990, missing: 10, timeoutMs: 240_000 });
