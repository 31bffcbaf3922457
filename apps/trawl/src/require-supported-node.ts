import { exitUnlessSupportedNode } from './supported-node';

// A side-effect import: the first import of every entry, so the check runs before the others load.
exitUnlessSupportedNode();
