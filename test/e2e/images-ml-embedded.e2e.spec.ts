import { describeImagesForMl } from '../support/images-ml-suite';
import { startEmbeddedTrawl } from '../support/trawl-deployment';

describeImagesForMl('embedded', () => startEmbeddedTrawl());
