import type { IncomingMessage, ServerResponse } from 'node:http';
import { notModified } from '../../http/json-etag';
import type { TaskStatusAnswer } from './task-status-cache';

/**
 * Sends a status GET's answer as the Nest route would: 304 with the ETag when If-None-Match names it,
 * else 200 with the JSON (its headers alone for HEAD). Headers set earlier (the correlation id) go first.
 */
export function sendTaskStatus(request: IncomingMessage, response: ServerResponse, answer: TaskStatusAnswer): void {
  if (notModified(request.headers, answer.etag)) {
    response.writeHead(304, { ETag: answer.etag }).end();
    return;
  }
  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(answer.body), ETag: answer.etag });
  response.end(request.method === 'HEAD' ? undefined : answer.body);
}
