// Webhook signatures: a receiver accepts our body as signed, and refuses a tampered body, a wrong key or a replay.
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../../functions/alerts/signature.ts';

const secret = 'whsec_test-secret';
const body = JSON.stringify({ alertId: 'match:1', event: 'match', summary: 'Εικόνα Αγίου Νικολάου' });
const now = 1_795_000_000;

describe('webhook signatures', () => {
  it('verify for the signed body within five minutes', () => {
    // Arrange
    const header = signBody(secret, body, now);

    // Act
    const verified = verifySignature(secret, header, body, now + 299);

    // Assert
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verified).toBe(true);
  });

  it('fail for a tampered body, another secret, a replay after five minutes, or a forged header', () => {
    // Arrange
    const header = signBody(secret, body, now);

    // Act
    const outcomes = [
      verifySignature(secret, header, body.replace('match:1', 'match:2'), now),
      verifySignature('whsec_other', header, body, now),
      verifySignature(secret, header, body, now + 301),
      verifySignature(secret, `t=${now},v1=${'0'.repeat(64)}`, body, now),
      verifySignature(secret, 'garbage', body, now),
    ];

    // Assert
    expect(outcomes).toEqual([false, false, false, false, false]);
  });
});
