import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EditObject, RegisterObject } from '../../../schemas/object-id.ts';
import { greekIcon, italianPainting, malianTerracotta, mughalFolio, objectFixtures } from '../../fixtures/objects.ts';

/** The path, code, message and unknown keys of every issue, so a test can say which field failed and why. */
function issuesOf(result: z.ZodSafeParseResult<unknown>) {
  return (result.error?.issues ?? []).map((issue) => ({
    path: issue.path.join('.'),
    code: issue.code,
    message: issue.message,
    keys: issue.code === 'unrecognized_keys' ? issue.keys : undefined,
  }));
}

/** Each field that failed, once: zod runs every check of a field, so one bad value can give several reasons. */
const pathsOf = (result: z.ZodSafeParseResult<unknown>) => [...new Set(issuesOf(result).map((issue) => issue.path))];

describe('RegisterObject', () => {
  it.each(Object.entries(objectFixtures))('accepts the %s fixture unchanged', (_name, fixture) => {
    // Arrange
    const body = JSON.parse(JSON.stringify(fixture)) as unknown;

    // Act
    const parsed = RegisterObject.parse(body);

    // Assert
    expect(parsed).toEqual(fixture);
  });

  it('rejects an unknown top-level key and names it', () => {
    // Arrange
    const body = { ...greekIcon, museumNotes: 'kept in the sacristy' };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(issuesOf(result)).toEqual([expect.objectContaining({ path: '', code: 'unrecognized_keys', keys: ['museumNotes'] })]);
  });

  it('rejects an unknown key inside the incident with the path of the incident', () => {
    // Arrange
    const body = { ...italianPainting, incident: { ...italianPainting.incident, town: 'Bologna' } };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(issuesOf(result)).toEqual([expect.objectContaining({ path: 'incident', code: 'unrecognized_keys', keys: ['town'] })]);
  });

  it.each(['objectType', 'description', 'lang', 'status', 'incident'] as const)('requires %s', (field) => {
    // Arrange
    const { [field]: _removed, ...body } = mughalFolio;

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(pathsOf(result)).toEqual([field]);
  });

  it('requires the country of the incident', () => {
    // Arrange
    const { country: _country, ...incident } = malianTerracotta.incident;

    // Act
    const result = RegisterObject.safeParse({ ...malianTerracotta, incident });

    // Assert
    expect(pathsOf(result)).toEqual(['incident.country']);
  });

  it('rejects a description shorter than 10 characters', () => {
    // Arrange
    const body = { ...greekIcon, description: 'Εικόνα' };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(issuesOf(result)).toEqual([
      expect.objectContaining({ path: 'description', message: 'must be a short paragraph of at least 10 characters' }),
    ]);
  });

  it('counts the description length after trimming whitespace', () => {
    // Arrange
    const body = { ...greekIcon, description: '   Εικόνα      ' };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(pathsOf(result)).toEqual(['description']);
  });

  it.each(['recovered', 'returned'])('rejects the status %s at registration', (status) => {
    // Arrange
    const body = { ...italianPainting, status };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(pathsOf(result)).toEqual(['status']);
  });

  it.each(['stolen', 'missing', 'looted'])('accepts the status %s at registration', (status) => {
    // Arrange
    const body = { ...italianPainting, status };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(result.success).toBe(true);
  });

  it.each([
    ['XX', 'is not an ISO 3166-1 country code'],
    ['gr', 'must be an ISO 3166-1 alpha-2 code in capitals, such as "GR"'],
    ['GRC', 'must be an ISO 3166-1 alpha-2 code in capitals, such as "GR"'],
    ['EU', 'is not an ISO 3166-1 country code'],
  ])('rejects the incident country %s', (country, message) => {
    // Arrange
    const body = { ...greekIcon, incident: { ...greekIcon.incident, country } };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(pathsOf(result)).toEqual(['incident.country']);
    expect(issuesOf(result)).toContainEqual(expect.objectContaining({ path: 'incident.country', message }));
  });

  it('accepts XK, the code in common use for Kosovo', () => {
    // Arrange
    const body = { ...greekIcon, incident: { ...greekIcon.incident, country: 'XK' } };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(result.success).toBe(true);
  });

  it('rejects a length without its unit', () => {
    // Arrange
    const body = { ...italianPainting, measurements: { height: 28.5, width: 22 } };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(issuesOf(result)).toEqual([
      expect.objectContaining({ path: 'measurements.unit', message: 'is required when a length is given (cm, mm or in)' }),
    ]);
  });

  it('rejects a weight without its weight unit', () => {
    // Arrange
    const body = { ...malianTerracotta, measurements: { height: 38, unit: 'cm', weight: 2.4 } };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(issuesOf(result)).toEqual([
      expect.objectContaining({ path: 'measurements.weightUnit', message: 'is required when a weight is given (g or kg)' }),
    ]);
  });

  it('rejects measurements that give only units', () => {
    // Arrange
    const body = { ...malianTerracotta, measurements: { unit: 'cm', weightUnit: 'kg' } };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(issuesOf(result)).toEqual([expect.objectContaining({ path: 'measurements', message: 'must give at least one dimension or the weight' })]);
  });

  it.each(['en_US', 'e', 'x-private'])('rejects %s as the record language', (lang) => {
    // Arrange
    const body = { ...mughalFolio, lang };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(pathsOf(result)).toEqual(['lang']);
  });

  it.each(['en', 'el', 'fr-CA', 'zh-Hant-TW'])('accepts %s as the record language', (lang) => {
    // Arrange
    const body = { ...mughalFolio, lang };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(result.success).toBe(true);
  });

  it.each(['2019', '2019-03', '2019-03-14', '2020-02-29'])('accepts the partial incident date %s', (date) => {
    // Arrange
    const body = { ...italianPainting, incident: { ...italianPainting.incident, date } };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(result.success).toBe(true);
  });

  it.each(['2019-13', '2019-02-30', '2019-02-29', '2019-04-31', '19-03-14', '2019/03/14', '2019-3'])('rejects the incident date %s', (date) => {
    // Arrange
    const body = { ...italianPainting, incident: { ...italianPainting.incident, date } };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(pathsOf(result)).toEqual(['incident.date']);
  });

  it.each(['Grek', 'Latn', 'Arab'])('accepts the ISO 15924 inscription script %s', (script) => {
    // Arrange
    const body = { ...greekIcon, inscriptions: [{ text: 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ', script }] };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(result.success).toBe(true);
  });

  it.each(['greek', 'GREK', 'grek', 'Gre', 'el'])('rejects %s as an inscription script', (script) => {
    // Arrange
    const body = { ...greekIcon, inscriptions: [{ text: 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ', script }] };

    // Act
    const result = RegisterObject.safeParse(body);

    // Assert
    expect(pathsOf(result)).toEqual(['inscriptions.0.script']);
  });
});

describe('EditObject', () => {
  it('rejects an empty patch', () => {
    // Arrange
    const patch = {};

    // Act
    const result = EditObject.safeParse(patch);

    // Assert
    expect(issuesOf(result)).toEqual([expect.objectContaining({ path: '', message: 'must change at least one field' })]);
  });

  it('rejects a status change, which goes through /status', () => {
    // Arrange
    const patch = { status: 'recovered' };

    // Act
    const result = EditObject.safeParse(patch);

    // Assert
    expect(issuesOf(result)).toContainEqual(expect.objectContaining({ path: '', code: 'unrecognized_keys', keys: ['status'] }));
  });

  it('accepts null for every optional field, to remove it', () => {
    // Arrange
    const optional = ['title', 'materials', 'techniques', 'measurements', 'inscriptions', 'markings', 'distinguishingFeatures', 'subject', 'dateOrPeriod', 'maker', 'culture', 'policeReference', 'contact'];
    const patch = Object.fromEntries(optional.map((field) => [field, null]));

    // Act
    const parsed = EditObject.parse(patch);

    // Assert
    expect(parsed).toEqual(patch);
  });

  it.each(['objectType', 'description', 'lang', 'incident'])('rejects null for the required field %s', (field) => {
    // Arrange
    const patch = { [field]: null };

    // Act
    const result = EditObject.safeParse(patch);

    // Assert
    expect(pathsOf(result)).toEqual([field]);
  });

  it('validates a changed field as strictly as registration does', () => {
    // Arrange
    const patch = { measurements: { height: 40 } };

    // Act
    const result = EditObject.safeParse(patch);

    // Assert
    expect(pathsOf(result)).toEqual(['measurements.unit']);
  });

  it('accepts a patch of a single field', () => {
    // Arrange
    const patch = { title: 'Άγιος Νικόλαος ο Θαυματουργός' };

    // Act
    const parsed = EditObject.parse(patch);

    // Assert
    expect(parsed).toEqual(patch);
  });
});
