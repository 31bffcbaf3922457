export * from './decide-expiry';
export * from './task-blobs';
export * from './retention-events';
export * from './task-expiry-facts';
