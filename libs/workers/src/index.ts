export * from './worker-pool';
export * from './worker-errors';
export { serveWorkerTasks } from './worker-tasks';
export type { WorkerReply } from './worker-tasks';
export { workerScript } from './worker-script';
export { restartWithHeapFlags } from './bounded-heap';
