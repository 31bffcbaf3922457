import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { TrawlMetrics } from '@trawl/metrics';
import type { ResilientSubscription } from './resilient-subscription';

/**
 * How far `trawl_subscription_lag_events` counts. Counting is a range scan on SQLite but a read of
 * the events on EventStoreDB, so a subscriber far behind reports this bound rather than its exact lag.
 */
export const LAG_COUNT_LIMIT = 100_000;

/**
 * The checkpointed subscriptions of this process by name (relay, projector), for readiness checks
 * and the lag gauge, which is refreshed on every scrape.
 */
@Injectable()
export class SubscriptionRegistry implements OnModuleDestroy {
  private readonly subscriptions = new Map<string, ResilientSubscription>();
  private readonly removeSampler: () => void;

  constructor(private readonly metrics: TrawlMetrics) {
    this.removeSampler = metrics.addSampler('subscription-lag', () => this.sampleLags());
  }

  add(name: string, subscription: ResilientSubscription): void {
    this.subscriptions.set(name, subscription);
  }

  entries(): Array<[name: string, subscription: ResilientSubscription]> {
    return [...this.subscriptions];
  }

  onModuleDestroy(): void {
    this.removeSampler();
  }

  private async sampleLags(): Promise<void> {
    await Promise.all(
      this.entries().map(async ([name, subscription]) => {
        this.metrics.subscriptionLag.set({ subscription: name }, await subscription.lag(LAG_COUNT_LIMIT));
      }),
    );
  }
}
