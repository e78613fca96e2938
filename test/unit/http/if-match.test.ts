import { describe, expect, it } from 'vitest';
import { Invalid, PreconditionRequired } from '../../../functions/http/errors.ts';
import { etagOf, versionFromIfMatch } from '../../../functions/http/if-match.ts';

/** What versionFromIfMatch threw, failing the test if it returned instead. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected versionFromIfMatch to throw');
}

describe('versionFromIfMatch', () => {
  it.each([
    ['3', 3],
    ['"3"', 3],
    ['W/"3"', 3],
    [' "12" ', 12],
    ['"999999999"', 999_999_999],
  ])('reads %s as version %i', (header, version) => {
    // Arrange
    const required = true;

    // Act
    const read = versionFromIfMatch(header, required);

    // Assert
    expect(read).toBe(version);
  });

  it('reads back the ETag the API hands out', () => {
    // Arrange
    const { etag } = etagOf(7);

    // Act
    const read = versionFromIfMatch(etag, true);

    // Assert
    expect(read).toBe(7);
  });

  it.each([undefined, '', '   '])('answers 428 when the header is %j and a version is required', (header) => {
    // Arrange
    const required = true;

    // Act
    const error = thrownBy(() => versionFromIfMatch(header, required));

    // Assert
    expect(error).toBeInstanceOf(PreconditionRequired);
    expect(error).toMatchObject({ statusCode: 428, fields: [{ path: 'If-Match', reason: 'is required' }] });
  });

  it('returns no version when the header is missing and optional', () => {
    // Arrange
    const required = false;

    // Act
    const read = versionFromIfMatch(undefined, required);

    // Assert
    expect(read).toBeUndefined();
  });

  it.each(['abc', '"v3"', '*', '"3", "4"', '-1', '3.0', 'W/ "3"', '"1234567890"'])('answers 400 for the header %s', (header) => {
    // Arrange
    const required = false;

    // Act
    const error = thrownBy(() => versionFromIfMatch(header, required));

    // Assert
    expect(error).toBeInstanceOf(Invalid);
    expect(error).toMatchObject({ statusCode: 400, fields: [{ path: 'If-Match', reason: 'is not a version number' }] });
  });
});

describe('etagOf', () => {
  it('quotes the version as a strong ETag', () => {
    // Arrange
    const version = 3;

    // Act
    const headers = etagOf(version);

    // Assert
    expect(headers).toEqual({ etag: '"3"' });
  });
});
