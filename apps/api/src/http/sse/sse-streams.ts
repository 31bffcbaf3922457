import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiProblem, problems } from '../problem';
import { sendProblem } from '../send-problem';
import { SSE_LIMITS, type SseLimits } from './sse-limits';
import { parseLastEventId } from './sse-message';
import { systemClock, ViewFollower, type SseSink, type ViewSource } from './view-follower';

/** A client that reads this far behind is not reading: its stream is cut rather than buffered. */
const MAX_UNREAD_BYTES = 64 * 1024;

/**
 * Live views as Server-Sent Events (`text/event-stream`), for any resource with a revisioned read
 * model: a controller hands over its raw Express request and response and a `ViewSource`.
 *
 * Before the stream starts, an unknown resource is a 404 problem, and a process already serving
 * `maxStreams` streams (or shutting down) answers 503 `too-many-streams` with Retry-After. Then each
 * message carries `id: <revision>` and `event: progress`, the last `event: final`, after which the
 * stream ends. A reconnect with `Last-Event-ID` gets the current state at once if it is newer (nothing
 * older is replayed). Polling stops when the client goes away, and every stream is ended on shutdown.
 */
@Injectable()
export class SseStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger('sse');
  private readonly followers = new Set<ViewFollower<{ revision: number }>>();
  /** Streams open or being opened (their first read under way): what the cap counts. */
  private reserved = 0;
  private closing = false;

  constructor(@Inject(SSE_LIMITS) private readonly limits: SseLimits) {}

  get openStreams(): number {
    return this.reserved;
  }

  async serve<V extends { revision: number }>(request: Request, response: Response, source: ViewSource<V>, notFound: string): Promise<void> {
    if (this.closing || this.reserved >= this.limits.maxStreams) return sendProblem(request, response, this.unavailable());
    this.reserved += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.reserved -= 1;
    };
    let first: V | null;
    try {
      first = await source.read();
    } catch (error) {
      release();
      throw error;
    }
    if (!first) {
      release();
      return sendProblem(request, response, problems.notFound(notFound));
    }
    if (response.destroyed || this.closing) return release();
    response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      // nginx (and proxies that honour it) would otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    request.socket.setNoDelay(true);
    const lastEventId = parseLastEventId(request.headers['last-event-id']);
    const follower = new ViewFollower(source, sinkOf(response), lastEventId, this.limits.timings, systemClock, (error) =>
      this.logger.warn(`${request.originalUrl}: the read model did not answer, stream ended: ${error instanceof Error ? error.message : String(error)}`),
    );
    this.followers.add(follower);
    // 'close' comes both after our own end and when the client goes away first.
    response.once('close', () => {
      follower.stop(false);
      this.followers.delete(follower);
      release();
    });
    follower.start(first);
  }

  /** Ends every stream before the HTTP server closes, which would otherwise wait for them. */
  beforeApplicationShutdown(): void {
    this.closing = true;
    for (const follower of this.followers) follower.stop();
  }

  private unavailable(): ApiProblem {
    const detail = this.closing
      ? 'this process is shutting down; reconnect (with Last-Event-ID) in a moment'
      : `this process already serves ${this.limits.maxStreams} progress streams (TRAWL_SSE_MAX_STREAMS); try again later, or poll the resource`;
    return new ApiProblem(503, 'too-many-streams', 'Service Unavailable', detail, undefined, { 'Retry-After': '5' });
  }
}

function sinkOf(response: Response): SseSink {
  return {
    write(chunk) {
      if (response.destroyed || response.writableEnded) return;
      response.write(chunk);
      if (response.writableLength > MAX_UNREAD_BYTES) response.destroy();
    },
    end() {
      if (!response.writableEnded) response.end();
    },
  };
}
