// Opaque page cursors: a DynamoDB position handed to the client as base64url JSON, and checked when it comes back, so
// that a forged one is a 400 and never reaches DynamoDB as a start key it would refuse.
import * as z from 'zod';
import { Invalid } from '../http/errors.ts';

const Cursor = z.record(z.string(), z.string().min(1));

export const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');

export const refusedCursor = () => new Invalid('The cursor is not one this API handed out', [{ path: 'cursor', reason: 'is not a valid cursor' }]);

/**
 * The position a cursor holds: exactly the attributes `keys`, each a non-empty string, and those of `fixed` (the
 * partition the query reads) with exactly their values.
 */
export function decodeCursor(cursor: string, keys: readonly string[], fixed: Record<string, string> = {}): Record<string, string> {
  let position: Record<string, string>;
  try {
    position = Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw refusedCursor();
  }
  const names = Object.keys(position).sort();
  const expected = [...new Set([...keys, ...Object.keys(fixed)])].sort();
  if (names.length !== expected.length || names.some((name, i) => name !== expected[i])) throw refusedCursor();
  if (Object.entries(fixed).some(([name, value]) => position[name] !== value)) throw refusedCursor();
  return position;
}
