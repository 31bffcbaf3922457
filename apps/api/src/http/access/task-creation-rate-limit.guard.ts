import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { TrawlConfig } from '@trawl/config';
import { TRAWL_CONFIG } from '@trawl/platform';
import { ApiProblem } from '../problem';
import { clientIdentity } from './client-identity';
import { TokenBucketLimiter, type RateDecision } from './token-bucket';

/**
 * Limits task creation per client (`TRAWL_RATE_LIMIT_PER_MINUTE`, 0 = off): per API key when keys are
 * configured, per peer address otherwise. A refused request is a 429 with `Retry-After` before the
 * command runs, so nothing is stored for it. The buckets live in this process: with several API
 * replicas behind a balancer the limit holds per replica.
 */
@Injectable()
export class TaskCreationRateLimit implements CanActivate {
  private readonly limiter: TokenBucketLimiter | null;

  constructor(@Inject(TRAWL_CONFIG) config: TrawlConfig) {
    const perMinute = config.env.TRAWL_RATE_LIMIT_PER_MINUTE;
    this.limiter = perMinute > 0 ? new TokenBucketLimiter({ perMinute }) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.limiter) return true;
    const http = context.switchToHttp();
    const response = http.getResponse<Response>();
    const decision = this.limiter.take(clientIdentity(http.getRequest<Request>(), response));
    const headers = rateLimitHeaders(decision);
    if (!decision.allowed) {
      const detail = `too many tasks requested; at most ${decision.limit} a minute, try again in ${decision.retryAfterSeconds} s`;
      throw new ApiProblem(429, 'rate-limited', 'Too Many Requests', detail, undefined, { ...headers, 'Retry-After': String(decision.retryAfterSeconds) });
    }
    response.set(headers);
    return true;
  }
}

/**
 * The RateLimit header fields of draft-ietf-httpapi-ratelimit-headers in their widely deployed form
 * (separate `RateLimit-Limit`, `-Remaining`, `-Reset`, as drafts 00–06 define them, plus
 * `RateLimit-Policy`), chosen over the newer structured `RateLimit: "…";r=…;t=…` because clients and
 * proxies read these today. The bucket is described as `<burst>;w=60`: at most that many in a minute.
 *
 * `RateLimit-Reset` is the seconds until the bucket is full again; on a refusal it is the same instant
 * as `Retry-After` (the seconds until the next request passes), as the draft asks of a response that
 * carries both: a client must not read "wait 1 s" and "wait 60 s" in one answer.
 */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.allowed ? decision.resetSeconds : decision.retryAfterSeconds),
    'RateLimit-Policy': `${decision.limit};w=60`,
  };
}
