import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * Live memory after a full collection: JS heap plus ArrayBuffers (Buffers live outside the JS heap,
 * and they are what an export that buffered its samples would grow).
 */
export function liveBytes(): number {
  // Twice: V8 frees ArrayBuffer backing stores by a concurrent sweeper, which the second GC waits for;
  // after one GC alone, readings jump by tens of MiB at random.
  collect();
  collect();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}
