// Page cursors come back from clients: only the positions this API handed out are accepted.
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../functions/adapters/cursor.ts';
import { Invalid } from '../../../functions/http/errors.ts';

const position = { pk: 'OBJECT#1', sk: 'META', listPk: 'OBJECT', listSk: '2026-11-30T10:00:00.000Z#1' };

describe('decodeCursor', () => {
  it('gives back the position it encoded', () => {
    // Act
    const decoded = decodeCursor(encodeCursor(position), ['pk', 'sk', 'listSk'], { listPk: 'OBJECT' });

    // Assert
    expect(decoded).toEqual(position);
  });

  it('refuses with 400 a cursor with other keys, an empty value, another partition or no JSON at all', () => {
    // Arrange
    const forged = [
      encodeCursor({ pk: 'x' }),
      encodeCursor({}),
      encodeCursor({ ...position, extra: 'x' }),
      encodeCursor({ ...position, sk: '' }),
      encodeCursor({ ...position, listPk: 'SUBS#someone-else' }),
      encodeCursor({ ...position, sk: 1 }),
      'not base64 json',
    ];

    // Act
    const outcomes = forged.map((cursor) => {
      try {
        decodeCursor(cursor, ['pk', 'sk', 'listSk'], { listPk: 'OBJECT' });
        return 'accepted';
      } catch (error) {
        return error instanceof Invalid && error.statusCode === 400 ? 'refused' : String(error);
      }
    });

    // Assert
    expect(outcomes).toEqual(Array(forged.length).fill('refused'));
  });
});
