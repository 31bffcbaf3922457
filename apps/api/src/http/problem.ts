import { TrawlError } from '@trawl/errors';

/** An RFC 9457 problem details body. `code` and `errors` are trawl's extension members. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: { path: string; message: string }[];
}

/** A client-facing failure with its HTTP status; thrown by handlers, rendered by the problem filter. */
export class ApiProblem extends TrawlError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly errors?: { path: string; message: string }[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export const problems = {
  notFound: (detail: string) => new ApiProblem(404, 'not-found', 'Not Found', detail),
  invalidRequest: (detail: string, errors?: { path: string; message: string }[]) =>
    new ApiProblem(400, 'invalid-request', 'Invalid Request', detail, errors),
  conflict: (code: string, detail: string) => new ApiProblem(409, code, 'Conflict', detail),
  unsupportedMediaType: (detail: string) => new ApiProblem(415, 'unsupported-media-type', 'Unsupported Media Type', detail),
  rangeNotSatisfiable: (size: number) =>
    new ApiProblem(416, 'range-not-satisfiable', 'Range Not Satisfiable', `the resource has ${size} bytes`, undefined, { 'Content-Range': `bytes */${size}` }),
};

export function problemType(code: string): string {
  return `urn:trawl:problem:${code}`;
}
