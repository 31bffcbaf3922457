import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RangeNotSatisfiableError } from '@trawl/blob-store';
import { NotFoundError, TrawlError } from '@trawl/errors';
import { InvalidCursorError } from '@trawl/read-models';
import { ApiProblem, problemType, type ProblemBody } from './problem';

/**
 * The one place where errors become HTTP responses: RFC 9457 `application/problem+json`. A client's
 * mistake is a 4xx that says what is wrong; anything unexpected is a 500 (or a 503 for infrastructure
 * that did not answer) that reveals nothing internal and is logged.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const problem = toProblem(exception);
    if (problem.status >= 500) this.logger.error(`${request.method} ${request.originalUrl}: ${describe(exception)}`);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const headers = exception instanceof ApiProblem ? exception.headers : {};
    response
      .status(problem.status)
      .set({ ...headers, 'Content-Type': 'application/problem+json' })
      .send(JSON.stringify({ ...problem, instance: request.originalUrl }));
  }
}

export function toProblem(exception: unknown): ProblemBody {
  if (exception instanceof ApiProblem) {
    return {
      type: problemType(exception.code), title: exception.title, status: exception.status, detail: exception.message,
      code: exception.code, ...(exception.errors ? { errors: exception.errors } : {}),
    };
  }
  if (exception instanceof InvalidCursorError) {
    return { type: problemType('invalid-cursor'), title: 'Invalid Request', status: 400, detail: 'cursor is not one this API gave out', code: 'invalid-cursor' };
  }
  if (exception instanceof RangeNotSatisfiableError) {
    return { type: problemType('range-not-satisfiable'), title: 'Range Not Satisfiable', status: 416, detail: exception.message, code: 'range-not-satisfiable' };
  }
  if (exception instanceof NotFoundError) {
    return { type: problemType('not-found'), title: 'Not Found', status: 404, detail: exception.message, code: 'not-found' };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = status === 404 ? 'not-found' : status === 405 ? 'method-not-allowed' : `http-${status}`;
    const detail = status === 404 ? 'no such resource' : exception.message;
    return { type: problemType(code), title: httpTitle(exception), status, detail, code };
  }
  if (exception instanceof TrawlError && exception.code === 'unavailable') {
    return { type: problemType('unavailable'), title: 'Service Unavailable', status: 503, detail: 'a backing service did not answer; try again', code: 'unavailable' };
  }
  return { type: problemType('internal-error'), title: 'Internal Server Error', status: 500, detail: 'an unexpected error occurred', code: 'internal-error' };
}

function httpTitle(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'object' && response && 'error' in response && typeof response.error === 'string') return response.error;
  return exception.name.replace(/Exception$/, '');
}

function describe(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}
