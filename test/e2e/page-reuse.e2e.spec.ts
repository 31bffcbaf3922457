import { startEmbeddedTrawl } from '../support/trawl-deployment';
import { describePageReuse } from './page-reuse.suite';

describePageReuse('embedded', () => startEmbeddedTrawl());
