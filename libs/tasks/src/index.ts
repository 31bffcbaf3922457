export * from './task-stream';
export * from './task-view.projection';
export * from './jobs';
export * from './extraction';
