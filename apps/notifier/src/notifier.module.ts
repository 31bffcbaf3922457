import { Module } from '@nestjs/common';
import type { TrawlConfig } from '@trawl/config';
import { TRAWL_CONFIG } from '@trawl/platform';
// By path, as libs/webhooks does: @trawl/scraping's index would load sharp and the HTML parsers.
import { NetworkPolicy } from '../../../libs/scraping/src/network-policy/network-policy';
import { NodeHttpWebhookTransport, WEBHOOK_TRANSPORT } from '@trawl/webhooks';
import { BoundedTransport } from './bounded-transport';
import { NotifierService } from './notifier.service';

/** The notifier role: event store -> signed webhooks, under the fetcher's network policy. */
@Module({
  providers: [
    {
      provide: WEBHOOK_TRANSPORT,
      inject: [TRAWL_CONFIG],
      useFactory: (config: TrawlConfig) =>
        new BoundedTransport(
          new NodeHttpWebhookTransport(new NetworkPolicy({ allowPrivate: config.env.TRAWL_ALLOW_PRIVATE, egressOnly: config.env.TRAWL_EGRESS_ONLY ?? null })),
          config.env.TRAWL_WEBHOOK_CONCURRENCY,
        ),
    },
    NotifierService,
  ],
})
export class NotifierModule {}
