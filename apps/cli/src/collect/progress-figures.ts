import type { BatchProgress } from './trawl-api';

export interface ProgressFigures {
  done: number;
  total: number;
  imagesStored: number;
  failures: number;
  /** URLs per second since the start. */
  rate: number;
  /** Seconds left at that rate; null before anything finished. */
  etaSeconds: number | null;
}

/** The figures the bar and the log lines show, from the batch's counts and the time spent. */
export function progressFigures(batch: BatchProgress, elapsedMs: number, doneAtStart = 0): ProgressFigures {
  const { tasks, images } = batch.counts;
  const done = tasks.completed + tasks.failed + tasks.cancelled;
  const seconds = Math.max(elapsedMs / 1000, 0.001);
  const rate = Math.max(done - doneAtStart, 0) / seconds;
  return {
    done,
    total: tasks.total,
    imagesStored: images.stored,
    failures: tasks.failed + images.failed,
    rate,
    etaSeconds: rate > 0 ? Math.ceil((tasks.total - done) / rate) : null,
  };
}

/** One line for a log (stdout that is not a terminal). */
export function progressLine(figures: ProgressFigures): string {
  const percent = figures.total ? Math.floor((figures.done / figures.total) * 100) : 0;
  const eta = figures.etaSeconds === null ? '?' : formatSeconds(figures.etaSeconds);
  return `${figures.done}/${figures.total} URLs (${percent}%), ${figures.imagesStored} images stored, ${figures.failures} failures, ${figures.rate.toFixed(1)} URLs/s, ETA ${eta}`;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m${String(seconds % 60).padStart(2, '0')}s` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
