import { parentPort } from 'node:worker_threads';

/** Messages from a worker to its WorkerPool. */
export type WorkerReply = { kind: 'ready' } | { kind: 'result'; value: unknown } | { kind: 'error'; message: string };

/**
 * The worker's side of the WorkerPool protocol: announce readiness once the module (and what it
 * imports) is loaded, so that loading never counts against a task's time limit; then answer each
 * task with its result or its error's message.
 */
export function serveWorkerTasks<In, Out>(handle: (input: In) => Out | Promise<Out>): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorkerTasks runs in a worker thread only');
  port.on('message', async (input: In) => {
    let reply: WorkerReply;
    try {
      reply = { kind: 'result', value: await handle(input) };
    } catch (error) {
      reply = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ kind: 'ready' } satisfies WorkerReply);
}
