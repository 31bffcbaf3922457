import { describeExports } from './exports/export-e2e-suite';
import { startEmbeddedTrawl } from '../support/trawl-deployment';

describeExports('embedded', () => startEmbeddedTrawl());
