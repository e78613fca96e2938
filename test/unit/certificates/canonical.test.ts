// The canonical form certificates are signed over: RFC 8785 for the values a certificate holds.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../functions/certificates/canonical.ts';

describe('canonical JSON', () => {
  it('is the same whatever order the members were written in, at every depth', () => {
    // Arrange
    const one = { b: 1, a: { z: [3, { y: true, x: null }], c: 'é' } };
    const other = { a: { c: 'é', z: [3, { x: null, y: true }] }, b: 1 };

    // Act
    const forms = [canonicalJson(one), canonicalJson(other)];

    // Assert
    expect(forms).toEqual(['{"a":{"c":"é","z":[3,{"x":null,"y":true}]},"b":1}', '{"a":{"c":"é","z":[3,{"x":null,"y":true}]},"b":1}']);
  });

  it('sorts keys by UTF-16 code units and writes numbers and strings as RFC 8785 does', () => {
    // Act (the RFC's own sorting and number examples)
    const form = canonicalJson({ '\u20ac': 'Euro', '\r': 'CR', '\ud83d\ude00': 'smiley', '1': 'one', '\u0080': 'ctl', '\u00f6': 'ö', numbers: [333333333.33333329, 1e30, 4.5, 0.002, 1e-27, -0] });

    // Assert
    expect(form).toBe('{"\\r":"CR","1":"one","numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27,0],"\u0080":"ctl","ö":"ö","€":"Euro","😀":"smiley"}');
  });

  it('leaves out undefined members and keeps array order', () => {
    // Act
    const form = canonicalJson({ kept: [2, 1], gone: undefined });

    // Assert
    expect(form).toBe('{"kept":[2,1]}');
  });

  it('refuses values JSON cannot hold instead of changing them', () => {
    // Act / Assert
    expect(() => canonicalJson({ score: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(TypeError);
    expect(() => canonicalJson({ n: 10n })).toThrow(TypeError);
  });
});
