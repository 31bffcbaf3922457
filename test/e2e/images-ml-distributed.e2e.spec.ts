import { describeImagesForMl } from '../support/images-ml-suite';
import { startDistributedTrawl } from '../support/trawl-deployment';

describeImagesForMl('distributed: kafka, ferretdb, 2 fetchers', () => startDistributedTrawl({ fetchers: 2 }));
