import { SingleBar } from 'cli-progress';
import { progressLine, formatSeconds, type ProgressFigures } from './progress-figures';

/** Where the progress goes: a terminal gets a redrawn bar, anything else a line every few seconds. */
export interface ProgressView {
  update(figures: ProgressFigures): void;
  stop(): void;
}

export const LOG_EVERY_MS = 5_000;

export function progressView(stream: NodeJS.WriteStream, now: () => number = Date.now, logEveryMs = LOG_EVERY_MS): ProgressView {
  return stream.isTTY ? barView(stream) : lineView(stream, now, logEveryMs);
}

function barView(stream: NodeJS.WriteStream): ProgressView {
  const bar = new SingleBar({
    stream,
    format: 'collecting {bar} {percentage}% | {value}/{total} URLs | {images} images | {failures} failed | {rate} URLs/s | ETA {etaText}',
    barCompleteChar: '\u2588',
    barIncompleteChar: '\u2591',
    hideCursor: true,
    clearOnComplete: false,
    fps: 10,
  });
  let started = false;
  const payload = (figures: ProgressFigures) => ({
    images: figures.imagesStored, failures: figures.failures, rate: figures.rate.toFixed(1),
    etaText: figures.etaSeconds === null ? '?' : formatSeconds(figures.etaSeconds),
  });
  return {
    update(figures) {
      if (!started) {
        bar.start(Math.max(figures.total, 1), figures.done, payload(figures));
        started = true;
      }
      bar.setTotal(Math.max(figures.total, 1));
      bar.update(figures.done, payload(figures));
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function lineView(stream: NodeJS.WriteStream, now: () => number, logEveryMs: number): ProgressView {
  let lastLog = -Infinity;
  let last: ProgressFigures | null = null;
  return {
    update(figures) {
      last = figures;
      if (now() - lastLog < logEveryMs) return;
      lastLog = now();
      stream.write(`${progressLine(figures)}\n`);
    },
    stop() {
      if (last) stream.write(`${progressLine(last)}\n`);
    },
  };
}
