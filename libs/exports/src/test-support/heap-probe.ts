import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * Live memory after a full collection: JS heap plus ArrayBuffers (Buffers live outside the JS heap,
 * and they are what an export that buffered its samples would grow).
 */
export function liveBytes(): number {
  collect();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Records live memory at chosen moments; `growth()` is the rise above the first reading. */
export class HeapProbe {
  private readonly readings: number[] = [];

  read(): void {
    this.readings.push(liveBytes());
  }

  get count(): number {
    return this.readings.length;
  }

  growth(): number {
    return Math.max(...this.readings) - this.readings[0];
  }
}
