// Parses input with a zod schema and turns every issue into a field error the caller can act on.
import { z } from 'zod';
import { Invalid, type FieldError } from './errors.ts';

const describe = (issue: z.core.$ZodIssue): FieldError[] => {
  const base = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: base ? `${base}.${key}` : key, reason: 'is not a known field' }));
  }
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    return [{ path: base, reason: 'is required' }];
  }
  return [{ path: base, reason: issue.message }];
};

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.flatMap(describe);
  throw new Invalid(`The ${where} is not valid: ${fields.map((f) => `${f.path || where} ${f.reason}`).join('; ')}`, fields);
}
