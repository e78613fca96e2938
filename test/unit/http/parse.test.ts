import { describe, expect, it } from 'vitest';
import { Invalid } from '../../../functions/http/errors.ts';
import { parseOrThrow } from '../../../functions/http/parse.ts';
import { EditObject, RegisterObject } from '../../../schemas/object-id.ts';
import { ListObjectsQuery } from '../../../schemas/object.ts';
import { greekIcon, mughalFolio } from '../../fixtures/objects.ts';

/** Runs parseOrThrow and returns what it threw, failing the test if it did not throw. */
function thrownBy(run: () => unknown): Invalid {
  try {
    run();
  } catch (error) {
    if (error instanceof Invalid) return error;
    throw error;
  }
  throw new Error('expected parseOrThrow to throw');
}

describe('parseOrThrow', () => {
  it('returns the parsed value when the input is valid', () => {
    // Arrange
    const input = { ...greekIcon, title: '  Άγιος Νικόλαος  ' };

    // Act
    const parsed = parseOrThrow(RegisterObject, input, 'body');

    // Assert
    expect(parsed.title).toBe('Άγιος Νικόλαος');
  });

  it('throws Invalid with status 400 and code "invalid"', () => {
    // Arrange
    const input = { ...greekIcon, description: 'short' };

    // Act
    const error = thrownBy(() => parseOrThrow(RegisterObject, input, 'body'));

    // Assert
    expect(error).toBeInstanceOf(Invalid);
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('invalid');
  });

  it('reports a missing field as "is required" at its path', () => {
    // Arrange
    const { objectType: _objectType, ...input } = mughalFolio;

    // Act
    const error = thrownBy(() => parseOrThrow(RegisterObject, input, 'body'));

    // Assert
    expect(error.fields).toEqual([{ path: 'objectType', reason: 'is required' }]);
  });

  it('reports a missing nested field with its dotted path', () => {
    // Arrange
    const { country: _country, ...incident } = mughalFolio.incident;

    // Act
    const error = thrownBy(() => parseOrThrow(RegisterObject, { ...mughalFolio, incident }, 'body'));

    // Assert
    expect(error.fields).toEqual([{ path: 'incident.country', reason: 'is required' }]);
  });

  it('reports each unknown key as "is not a known field" at its own path', () => {
    // Arrange
    const input = { ...greekIcon, notes: 'x', incident: { ...greekIcon.incident, town: 'Καστοριά' } };

    // Act
    const error = thrownBy(() => parseOrThrow(RegisterObject, input, 'body'));

    // Assert
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { path: 'notes', reason: 'is not a known field' },
        { path: 'incident.town', reason: 'is not a known field' },
      ]),
    );
    expect(error.fields).toHaveLength(2);
  });

  it('numbers array elements in the path', () => {
    // Arrange
    const input = { ...greekIcon, inscriptions: [{ text: 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ', script: 'greek' }] };

    // Act
    const error = thrownBy(() => parseOrThrow(RegisterObject, input, 'body'));

    // Assert
    expect(error.fields).toEqual([
      { path: 'inscriptions.0.script', reason: 'must be an ISO 15924 script code such as "Latn", "Grek", "Cyrl" or "Arab"' },
    ]);
  });

  it('passes the schema message through as the reason', () => {
    // Arrange
    const input = { ...greekIcon, measurements: { height: 42.5 } };

    // Act
    const error = thrownBy(() => parseOrThrow(RegisterObject, input, 'body'));

    // Assert
    expect(error.fields).toEqual([{ path: 'measurements.unit', reason: 'is required when a length is given (cm, mm or in)' }]);
  });

  it('names each failing field in the message', () => {
    // Arrange
    const input = { ...greekIcon, lang: 'el_GR', description: 'short' };

    // Act
    const error = thrownBy(() => parseOrThrow(RegisterObject, input, 'body'));

    // Assert
    expect(error.message).toMatch(/^The body is not valid: /);
    expect(error.message).toContain('lang must be a BCP 47 language tag');
    expect(error.message).toContain('description must be a short paragraph of at least 10 characters');
  });

  it('names the input itself when the issue is about the whole input', () => {
    // Arrange
    const input = {};

    // Act
    const error = thrownBy(() => parseOrThrow(EditObject, input, 'body'));

    // Assert
    expect(error.fields).toEqual([{ path: '', reason: 'must change at least one field' }]);
    expect(error.message).toBe('The body is not valid: body must change at least one field');
  });

  it('uses the name of the input it was given, such as the query', () => {
    // Arrange
    const input = { limit: '500' };

    // Act
    const error = thrownBy(() => parseOrThrow(ListObjectsQuery, input, 'query'));

    // Assert
    expect(error.message).toMatch(/^The query is not valid: limit /);
    expect(error.fields).toEqual([{ path: 'limit', reason: expect.any(String) }]);
  });
});
