import { readFileSync } from 'node:fs';

const MiB = 1024 * 1024;

/** A process's memory as the kernel reports it (/proc/<pid>/status), in bytes. */
export function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/**
 * Samples a process's resident set every `intervalMs`, keeping the peak. VmHWM (the kernel's own
 * high-water mark) catches spikes between samples; the sampled peak shows the scenario alone when
 * the process did something else before.
 */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number, intervalMs = 50) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.sample();
  }

  stop(): { peakRss: number; hwm: number } {
    clearInterval(this.timer);
    this.sample();
    return { peakRss: this.peak, hwm: memoryOf(this.pid).hwm };
  }

  private sample(): void {
    try {
      this.peak = Math.max(this.peak, memoryOf(this.pid).rss);
    } catch {
      // the process is gone: keep what was seen
    }
  }
}

export const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;
