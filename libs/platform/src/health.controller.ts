import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { INFRASTRUCTURE } from './infrastructure.module';
import type { Infrastructure } from './infrastructure';
import { runReadinessChecks, type ReadinessCheck } from './readiness';
import { SubscriptionRegistry } from './subscription-registry';

/** The ports a role may depend on, by their name in Infrastructure. */
export type PortName = 'eventStore' | 'jobBus' | 'readModels' | 'blobStore';

export interface HealthOptions {
  /** The ports the roles of this process use: only these are checked. */
  dependencies: readonly PortName[];
  /** A subscription further behind the head than this is not ready (TRAWL_READY_MAX_LAG_EVENTS). */
  maxLagEvents: number;
  /** Per check. Default 2000 ms. */
  checkTimeoutMs?: number;
}

export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

const DEFAULT_CHECK_TIMEOUT_MS = 2000;

@Controller()
export class HealthController {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
    private readonly subscriptions: SubscriptionRegistry,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /**
   * Readiness: every dependency this process's roles use answers, and every subscription is live
   * and caught up to within the bound; 503 otherwise. The body lists each check.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const report = await runReadinessChecks(this.checks(), this.options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
    if (report.status !== 'ready') response.status(503);
    return report;
  }

  private checks(): ReadinessCheck[] {
    const ports = this.options.dependencies.map((name) => ({ name, run: () => this.infrastructure[name].ping() }));
    const maxLag = this.options.maxLagEvents;
    const subscriptions = this.subscriptions.entries().map(([name, subscription]) => ({
      name: `subscription:${name}`,
      run: async () => {
        if (!subscription.healthy) throw new Error('not subscribed (resubscribing after a failure)');
        const lagEvents = await subscription.lag(maxLag + 1);
        if (lagEvents > maxLag) throw new Error(`more than ${maxLag} events behind the head`);
        return { lagEvents };
      },
    }));
    return [...ports, ...subscriptions];
  }
}
