import { describe, expect, it } from 'vitest';
import { decodeS3Key } from '../../../functions/images/s3-key.ts';

describe('decodeS3Key', () => {
  it('turns plus signs back into spaces and percent escapes back into characters', () => {
    // Arrange
    const encoded = 'uploads/Saint+George%2B%C3%A9/ic%C3%B4ne+1';

    // Act
    const key = decodeS3Key(encoded);

    // Assert
    expect(key).toBe('uploads/Saint George+é/icône 1');
  });
});
