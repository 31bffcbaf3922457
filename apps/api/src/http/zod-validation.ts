import { z } from 'zod';
import { problems } from './problem';

/** Parses input with a schema; failures become a 400 problem naming every offending field. */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.infer<Schema> {
  // No body at all (an empty POST): zod would say "expected object, received undefined" at (root).
  if (input === undefined && schema instanceof z.ZodObject) {
    const message = emptyBodyMessage(schema);
    throw problems.invalidRequest(`invalid ${what}: ${message}`, [{ path: '(root)', message }]);
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
  const detail = errors.map((error) => (error.path === '(root)' ? error.message : `${error.path}: ${error.message}`)).join('; ');
  throw problems.invalidRequest(`invalid ${what}: ${detail}`, errors);
}

/** "the body is empty; send a JSON object with url": the fields the object needs, from its schema. */
export function emptyBodyMessage(schema: z.ZodObject): string {
  const required = Object.entries(schema.shape).filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success).map(([name]) => name);
  return `the body is empty; send a JSON object${required.length ? ` with ${required.join(', ')}` : ''}`;
}
