import type { LoggerService } from '@nestjs/common';
import type { Job, JobContext } from '@trawl/job-bus';
import type { FetchKind, TrawlMetrics } from '@trawl/metrics';
import type { ImageJob, PageJob } from '@trawl/tasks';
import { classifyFailure } from '../failures';
import type { JobOutcome } from './job-outcome';

/** A finished job's outcome, or what became of a job whose handler threw. */
type RecordedOutcome = JobOutcome | { outcome: 'retry' | 'handed-back'; errorCode: string; bytes?: never };

/**
 * Wraps the fetcher's handlers: one log line per job outcome (task, image, url, outcome, error code,
 * duration, attempt, correlation id) and the fetch metrics (duration and bytes by kind and outcome,
 * retries). A handler that throws is retried by the bus (`retry`) or is handing its job back because
 * the member stops or lost it (`handed-back`); the error goes on to the bus unchanged.
 */
export class JobObserver {
  constructor(
    private readonly metrics: TrawlMetrics,
    private readonly logger: Pick<LoggerService, 'log' | 'warn'>,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  async observe(kind: FetchKind, job: Job<PageJob | ImageJob>, context: JobContext, handle: () => Promise<JobOutcome>): Promise<void> {
    if (job.attempt > 1) this.metrics.jobRetries.inc({ kind });
    const started = this.clock();
    let result: JobOutcome;
    try {
      result = await handle();
    } catch (error) {
      const outcome = context.signal.aborted ? 'handed-back' : 'retry';
      this.record(kind, job, { outcome, errorCode: classifyFailure(error).error.code }, started);
      throw error;
    }
    this.record(kind, job, result, started);
  }

  private record(kind: FetchKind, job: Job<PageJob | ImageJob>, result: RecordedOutcome, started: number): void {
    const durationMs = this.clock() - started;
    const labels = { kind, outcome: result.outcome };
    this.metrics.fetchDuration.observe(labels, durationMs / 1000);
    if (result.bytes !== undefined) this.metrics.fetchBytes.observe(labels, result.bytes);
    const { taskId, url, correlationId } = job.payload;
    const fields = {
      kind, taskId, ...('imageId' in job.payload ? { imageId: job.payload.imageId } : {}), url,
      outcome: result.outcome, ...(result.errorCode ? { errorCode: result.errorCode } : {}),
      ...(result.bytes !== undefined ? { bytes: result.bytes } : {}),
      durationMs: Math.round(durationMs), attempt: job.attempt, correlationId, jobId: job.id,
    };
    const message = `${kind} job ${result.outcome}`;
    if (needsAttention(kind, result.outcome)) this.logger.warn(fields, message);
    else this.logger.log(fields, message);
  }
}

/**
 * warn only where someone may have to act: a retry (something passing went wrong) or a failed page
 * (the whole task failed). A failed image is an ordinary outcome of collecting a page (a 404, a file
 * that is no image, robots.txt saying no): the task counts it and lists it with its code, so its line
 * is info. A page of 200 missing images is not 200 warnings.
 */
export function needsAttention(kind: FetchKind, outcome: RecordedOutcome['outcome']): boolean {
  return outcome === 'retry' || (outcome === 'failed' && kind === 'page');
}
