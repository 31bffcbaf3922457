export * from './batch-events';
export * from './batch-stream';
export * from './batch-state';
export * from './decide-batch';
export * from './batch-streams';
