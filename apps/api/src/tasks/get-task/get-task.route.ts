import type { INestApplication } from '@nestjs/common';
import type { TrawlMetrics } from '@trawl/metrics';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AccessControl } from '../../http/access/access-control';
import { API_PREFIX } from '../task-presenter';
import { answerTaskStatusFirst } from './task-status-fast-path';
import { TaskStatusCache } from './task-status-cache';
import { sendTaskStatus } from './task-status-response';

/**
 * `GET /api/v1/tasks/{id}`, the call clients repeat most (polling a task until it is final), outside
 * Nest: profiled under load, Nest's per-request machinery (router, execution context, response
 * controller, ETag hashing, charset parsing) cost more CPU than the read itself (issue 9).
 *
 * Its plain form is answered on the HTTP server ahead of Express (answerTaskStatusFirst); the other
 * forms Express routes here (trailing slash, letter case, percent-encoding, a body) by a plain Express
 * route mounted ahead of Nest's router. Both give what the Nest route gives (GetTaskController): the
 * same presenter, JSON, ETag and 304, from one TaskStatusCache. Anything but a found task (a malformed
 * or unknown id, an expired task, a read model that fails) goes on to GetTaskController, so errors
 * keep their one path to problem+json.
 */
export function mountGetTaskRoute(app: INestApplication, observability: { logger: Logger; metrics: TrawlMetrics }): void {
  const cache = new TaskStatusCache(app.get<ReadModelStore>(READ_MODEL_STORE));
  const express = app.getHttpAdapter().getInstance();
  express.get(`${API_PREFIX}/tasks/:id`, (request: Request, response: Response, next: NextFunction) => {
    cache.answerFor(String(request.params.id)).then(
      (answer) => (answer ? sendTaskStatus(request, response, answer) : next()),
      () => next(),
    );
  });
  const access = app.get(AccessControl);
  answerTaskStatusFirst(app.getHttpServer(), { cache, admits: (request) => access.admits(request.headers), ...observability });
}
