// Webhook signatures: HMAC-SHA256 over "<unix seconds>.<body>", sent as X-Registry-Signature: t=<seconds>,v1=<hex>.
// The timestamp is signed too, so a receiver that checks it refuses a replay of an old delivery.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'x-registry-signature';
export const defaultToleranceSeconds = 300;

const hmac = (secret: string, timestamp: number, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export function signBody(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/** What a receiver runs: true only for this body, signed with this secret, within the tolerance of `now`. */
export function verifySignature(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = defaultToleranceSeconds): boolean {
  const parts = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
