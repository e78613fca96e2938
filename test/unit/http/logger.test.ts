// Logs never carry a police reference, a contact, a note, a token or a signing secret, however deep in the value.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger, mask } from '../../../functions/http/logger.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the logger', () => {
  it('masks restricted fields, notes, tokens and secrets wherever they appear, and keeps the rest', () => {
    // Arrange
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });

    // Act
    logger.error('something failed', {
      object: { id: 'obj-1', policeReference: 'KAS-2023-4471', contact: { email: 'registrar@example.org' } },
      history: [{ note: 'suspect drove a red van' }],
      headers: { authorization: 'Bearer eyJhbGciOi' },
      subscription: { signingSecret: 'whsec_abc' },
    });

    // Assert
    const line = written.join('');
    expect(line).toContain('obj-1');
    for (const secret of ['KAS-2023-4471', 'registrar@example.org', 'red van', 'eyJhbGciOi', 'whsec_abc']) expect(line).not.toContain(secret);
    expect(line.split(`"${mask}"`).length - 1).toBe(5);
  });
});
