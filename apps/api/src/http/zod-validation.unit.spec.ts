import { requestTaskBody } from '../tasks/request-task/request-task.body';
import { listTasksQuery } from '../tasks/list-tasks/list-tasks.controller';
import { ApiProblem } from './problem';
import { parseOrThrow } from './zod-validation';

function problemOf(run: () => unknown): ApiProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiProblem) return error;
    throw error;
  }
  throw new Error('no problem');
}

describe('parseOrThrow', () => {
  it('says what to send when the body is empty, instead of "expected object, received undefined"', () => {
    const problem = problemOf(() => parseOrThrow(requestTaskBody, undefined, 'task request'));
    expect(problem).toMatchObject({ status: 400, code: 'invalid-request', errors: [{ path: '(root)', message: 'the body is empty; send a JSON object with url' }] });
    expect(problem.message).toBe('invalid task request: the body is empty; send a JSON object with url');
    expect(problem.message).not.toMatch(/undefined/);
  });

  it('still names what is wrong in a body that is there', () => {
    expect(problemOf(() => parseOrThrow(requestTaskBody, null, 'task request')).message).toMatch(/^invalid task request: /);
    expect(problemOf(() => parseOrThrow(requestTaskBody, {}, 'task request')).errors).toEqual([{ path: 'url', message: expect.any(String) }]);
    expect(parseOrThrow(listTasksQuery, {}, 'query')).toEqual({ limit: 50 });
  });
});
