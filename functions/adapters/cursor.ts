// Opaque page cursors: a DynamoDB position handed to the client as base64url JSON, and checked when it comes back.
import * as z from 'zod';
import { Invalid } from '../http/errors.ts';

const Cursor = z.record(z.string(), z.string());

export const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string): Record<string, string> {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new Invalid('The cursor is not one this API handed out', [{ path: 'cursor', reason: 'is not a valid cursor' }]);
  }
}
