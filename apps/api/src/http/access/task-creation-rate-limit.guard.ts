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

/** The RateLimit header fields of draft-ietf-httpapi-ratelimit-headers (the widely deployed form). */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
  };
}
