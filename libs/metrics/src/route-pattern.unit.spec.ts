import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { httpMetricsMiddleware } from './http-metrics.middleware';
import { UNMATCHED_ROUTE, routePattern } from './route-pattern';
import { TrawlMetrics } from './trawl-metrics';

describe('request timing by route pattern (in-process Express on loopback)', () => {
  let server: Server;
  let base: string;
  const metrics = new TrawlMetrics({ defaultMetrics: false });
  const seen: string[] = [];

  beforeAll(async () => {
    const app = express();
    app.use(httpMetricsMiddleware(metrics));
    app.use((request, response, next) => {
      response.once('finish', () => seen.push(routePattern(request)));
      next();
    });
    app.get('/api/v1/tasks/:id', (_request, response) => void response.status(200).send('ok'));
    app.get('/boom', (_request, response) => void response.status(503).send('down'));
    const nested = express.Router();
    nested.get('/things/:thing', (_request, response) => void response.send('nested'));
    app.use('/v2', nested);
    app.get('{/*splat}', (_request, response) => void response.status(404).send('catch-all'));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('labels requests by the pattern they matched, never by the raw URL', async () => {
    await fetch(`${base}/api/v1/tasks/first-task?x=1`);
    await fetch(`${base}/api/v1/tasks/second-task`);
    await fetch(`${base}/boom`);
    await fetch(`${base}/v2/things/abc`);
    await fetch(`${base}/no/such/path`);
    const body = (await metrics.scrape()).body;
    const count = (labels: string) => Number(body.match(new RegExp(`^trawl_http_request_duration_seconds_count\\{${labels}\\} (\\d+)$`, 'm'))?.[1]);
    expect(count('method="GET",route="/api/v1/tasks/:id",status="200"')).toBe(2);
    expect(count('method="GET",route="/boom",status="503"')).toBe(1);
    expect(count('method="GET",route="/v2/things/:thing",status="200"')).toBe(1);
    expect(count(`method="GET",route="\\(unmatched\\)",status="404"`)).toBe(1);
    expect(body).not.toMatch(/first-task|second-task|x=1/);
    expect(seen).toEqual(['/api/v1/tasks/:id', '/api/v1/tasks/:id', '/boom', '/v2/things/:thing', UNMATCHED_ROUTE]);
  });
});
