import type { z } from 'zod';
import { problems } from './problem';

/** Parses input with a schema; failures become a 400 problem naming every offending field. */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
  const detail = errors.map((error) => (error.path === '(root)' ? error.message : `${error.path}: ${error.message}`)).join('; ');
  throw problems.invalidRequest(`invalid ${what}: ${detail}`, errors);
}
