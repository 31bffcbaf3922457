export * from './events/event-schemas';
export * from './events/task-events';
export * from './task/stream-names';
export * from './task/event-ids';
export * from './task/task-state';
export * from './task/task-decisions';
export * from './task/decide';
export * from './uploads';
