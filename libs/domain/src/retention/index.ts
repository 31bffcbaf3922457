export * from './decide-expiry';
export * from './task-blobs';
export * from './retention-events';
