import { startEmbeddedTrawl } from '../support/trawl-deployment';
import { describeTaskLifecycle } from './task-lifecycle.suite';

describeTaskLifecycle('embedded', () => startEmbeddedTrawl());
