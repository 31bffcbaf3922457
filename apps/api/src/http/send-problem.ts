import type { Request, Response } from 'express';
import type { ApiProblem } from './problem';
import { toProblem } from './problem.filter';

/**
 * Answers with a problem from Express middleware, which runs before Nest's exception filters: the
 * same body and headers the problem filter would send.
 */
export function sendProblem(request: Request, response: Response, problem: ApiProblem): void {
  response
    .status(problem.status)
    .set({ ...problem.headers, 'Content-Type': 'application/problem+json' })
    .send(JSON.stringify({ ...toProblem(problem), instance: request.originalUrl }));
}
