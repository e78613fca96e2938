// Reads the Idempotency-Key request header (IETF draft "The Idempotency-Key HTTP Header Field"): a Structured Field
// string such as "8e03978e-40d5-43e8-bc93-6894a57f9324", quoted or bare.
import { Invalid } from './errors.ts';

export const idempotencyKeyHeader = { name: 'Idempotency-Key', maxLength: 100 } as const;

/** The key, or undefined when the header is absent; a malformed one is a 400. */
export function idempotencyKeyFrom(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  const key = /^"(.*)"$/.exec(trimmed)?.[1] ?? trimmed;
  // Visible ASCII without the quote and backslash that a Structured Field string would have to escape.
  if (!new RegExp(`^[\\x21\\x23-\\x5b\\x5d-\\x7e]{1,${idempotencyKeyHeader.maxLength}}$`).test(key)) {
    throw new Invalid(`${idempotencyKeyHeader.name} must be 1 to ${idempotencyKeyHeader.maxLength} visible ASCII characters, such as a UUID`, [
      { path: idempotencyKeyHeader.name, reason: 'is not a valid key' },
    ]);
  }
  return key;
}
