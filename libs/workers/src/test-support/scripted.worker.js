// A worker for the WorkerPool tests, in plain JavaScript so that it runs without a compiler. It speaks
// the protocol of serveWorkerTasks (worker-tasks.ts): 'ready' once loaded, then one reply per task.
const { parentPort, threadId } = require('node:worker_threads');

parentPort.on('message', (task) => {
  switch (task.op) {
    case 'echo':
      parentPort.postMessage({ kind: 'result', value: { value: task.value, threadId } });
      break;
    case 'spin': {
      // Busy, as parse5 is on a pathological page: nothing but terminate() stops this thread.
      const end = Date.now() + task.ms;
      while (Date.now() < end);
      parentPort.postMessage({ kind: 'result', value: { value: 'spun', threadId } });
      break;
    }
    case 'fail':
      parentPort.postMessage({ kind: 'error', message: task.message });
      break;
    case 'exit':
      process.exit(3);
      break;
    case 'churn': {
      // Short-lived garbage at a high rate, as a parse makes: the young generation grows to its bound.
      let kept = [];
      for (let i = 0; i < 3_000_000; i += 1) {
        kept.push({ i });
        if (kept.length > 100_000) kept = [];
      }
      const newSpace = require('node:v8').getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
      parentPort.postMessage({ kind: 'result', value: { value: newSpace.space_size, threadId } });
      break;
    }
    case 'hog': {
      const kept = [];
      for (;;) kept.push(new Array(100_000).fill(kept.length));
    }
  }
});
parentPort.postMessage({ kind: 'ready' });
