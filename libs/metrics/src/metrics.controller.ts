import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { TrawlMetrics } from './trawl-metrics';

/** GET /metrics in Prometheus's text format, on the HTTP server of every role. */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: TrawlMetrics) {}

  @Get('metrics')
  async metricsText(@Res() response: Response): Promise<void> {
    const { contentType, body } = await this.metrics.scrape();
    response.status(200).set('Content-Type', contentType).send(body);
  }
}
