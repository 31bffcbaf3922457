import { startDistributedTrawl, startEmbeddedTrawl } from '../support/trawl-deployment';
import { describeImageReuse } from './image-reuse.suite';

describeImageReuse('embedded', () => startEmbeddedTrawl());
describeImageReuse('distributed: kafka, ferretdb, 2 fetchers', () => startDistributedTrawl({ fetchers: 2 }));
