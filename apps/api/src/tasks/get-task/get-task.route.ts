import type { INestApplication } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { NextFunction, Request, Response } from 'express';
import { notModified, weakEtagOf } from '../../http/json-etag';
import { API_PREFIX, presentTask } from '../task-presenter';
import { GetTaskQuery } from './get-task.query';

/**
 * `GET /api/v1/tasks/{id}` as a plain Express route, mounted ahead of Nest's router. It is the call
 * clients repeat most (polling a task until it is final), and profiled under load, Nest's per-request
 * machinery (router, execution context, response controller, ETag hashing, charset parsing) cost
 * more CPU than the read itself (issue 9). The answer is the one the Nest route gives: the same
 * query, presenter, JSON, ETag and 304. Anything but a found task (a malformed or unknown id, a read
 * model that fails) goes on to GetTaskController, so errors keep their one path to problem+json.
 * The API-key check, body limits, request log and metrics are Express middleware before it.
 */
export function mountGetTaskRoute(app: INestApplication): void {
  const queries = app.get(QueryBus);
  const express = app.getHttpAdapter().getInstance();
  express.get(`${API_PREFIX}/tasks/:id`, (request: Request, response: Response, next: NextFunction) => {
    queries.execute(new GetTaskQuery(String(request.params.id))).then(
      (view) => {
        const body = JSON.stringify(presentTask(view));
        const etag = weakEtagOf(body);
        if (notModified(request.headers, etag)) {
          response.writeHead(304, { ETag: etag }).end();
          return;
        }
        response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ETag: etag });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      () => next(),
    );
  });
}
