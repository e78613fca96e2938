// Parses input with a zod schema and turns every issue into a field error the caller can act on.
import * as z from 'zod';
import { Invalid, type FieldError } from './errors.ts';

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const describe = (input: unknown) => (issue: z.core.$ZodIssue): FieldError[] => {
  const base = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: base ? `${base}.${key}` : key, reason: 'is not a known field' }));
  }
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && valueAt(input, issue.path) === undefined) {
    return [{ path: base, reason: 'is required' }];
  }
  return [{ path: base, reason: issue.message }];
};

// One reason per field: the first check that failed is the one to fix first.
const firstPerPath = (fields: FieldError[]) => fields.filter((field, index) => fields.findIndex((other) => other.path === field.path) === index);

/** The parsed value, or every failing field with its reason. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): { data: z.output<S> } | { fields: FieldError[] } {
  const result = schema.safeParse(input);
  return result.success ? { data: result.data } : { fields: firstPerPath(result.error.issues.flatMap(describe(input))) };
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = validate(schema, input);
  if ('data' in result) return result.data;
  const { fields } = result;
  throw new Invalid(`The ${where} is not valid: ${fields.map((f) => `${f.path || where} ${f.reason}`).join('; ')}`, fields);
}
