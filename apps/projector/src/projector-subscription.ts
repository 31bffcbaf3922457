/**
 * The projector's checkpoint name. A file of its own so that the rebuild (and the CLI that runs it)
 * can name it without loading the projector's Nest service and everything that service imports.
 */
export const PROJECTOR_SUBSCRIPTION = 'projector';
