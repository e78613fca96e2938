import { describe, expect, it } from 'vitest';
import { findRoute, keyOf, routeByKey } from '../../../functions/http/routes.ts';
import { routes } from '../../../infra/wiring.ts';

const objectId = '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

/** A concrete request path for a route template, with every {param} filled in. */
const concrete = (template: string) => template.replace(/\{\w+\}/g, objectId);

describe('findRoute', () => {
  it.each(routes.map((route) => [keyOf(route), route] as const))('finds %s', (_key, route) => {
    // Arrange
    const path = concrete(route.path);

    // Act
    const match = findRoute(route.method, path);

    // Assert
    expect(match).toEqual({ kind: 'found', route, params: route.path.includes('{id}') ? { id: objectId } : {} });
  });

  it('tells the history route apart from the object route', () => {
    // Arrange
    const path = `/v1/objects/${objectId}/history`;

    // Act
    const match = findRoute('GET', path);

    // Assert
    expect(match.kind === 'found' && keyOf(match.route)).toBe('GET /v1/objects/{id}/history');
  });

  it('decodes a percent-encoded path parameter', () => {
    // Arrange
    const path = '/v1/objects/%CE%B5%CE%B9%CE%BA%CF%8C%CE%BD%CE%B1';

    // Act
    const match = findRoute('GET', path);

    // Assert
    expect(match).toMatchObject({ kind: 'found', params: { id: 'εικόνα' } });
  });

  it('passes a malformed percent-encoding through as it came, for the parameter schema to reject', () => {
    // Arrange
    const path = '/v1/objects/%E0%A4%A/status';

    // Act
    const match = findRoute('POST', path);

    // Assert
    expect(match).toMatchObject({ kind: 'found', params: { id: '%E0%A4%A' } });
  });

  it('ignores a trailing slash', () => {
    // Arrange
    const path = `/v1/objects/${objectId}/`;

    // Act
    const match = findRoute('GET', path);

    // Assert
    expect(match.kind === 'found' && keyOf(match.route)).toBe('GET /v1/objects/{id}');
  });

  it('reports a known object path with the wrong method, listing the methods it accepts', () => {
    // Arrange
    const path = `/v1/objects/${objectId}`;

    // Act
    const match = findRoute('DELETE', path);

    // Assert
    expect(match).toEqual({ kind: 'wrong-method', allowed: ['GET', 'PATCH'] });
  });

  it('reports a PUT on the collection as the wrong method, listing POST and GET', () => {
    // Arrange
    const path = '/v1/objects';

    // Act
    const match = findRoute('PUT', path);

    // Assert
    expect(match).toEqual({ kind: 'wrong-method', allowed: ['POST', 'GET'] });
  });

  it('reports a GET of the status route as the wrong method', () => {
    // Arrange
    const path = `/v1/objects/${objectId}/status`;

    // Act
    const match = findRoute('GET', path);

    // Assert
    expect(match).toEqual({ kind: 'wrong-method', allowed: ['POST'] });
  });

  it.each(['/', '/v2/objects', '/v1/object', `/v1/objects/${objectId}/images/123`, `/v1/objects/${objectId}/owners`, '/V1/OBJECTS'])(
    'finds no route for %s',
    (path) => {
      // Arrange
      const method = 'GET';

      // Act
      const match = findRoute(method, path);

      // Assert
      expect(match).toEqual({ kind: 'none' });
    },
  );

  it('does not match an empty id in the middle of a path', () => {
    // Arrange
    const path = '/v1/objects//history';

    // Act
    const match = findRoute('GET', path);

    // Assert
    expect(match).toEqual({ kind: 'none' });
  });

  it('does not take /v1/objects/ for an object with an empty id', () => {
    // Arrange
    const path = '/v1/objects/';

    // Act
    const patch = findRoute('PATCH', path);
    const get = findRoute('GET', path);

    // Assert
    expect(patch).toEqual({ kind: 'wrong-method', allowed: ['POST', 'GET'] });
    expect(get.kind === 'found' && get.params).toEqual({});
  });
});

describe('routeByKey', () => {
  it('finds a route by its API Gateway route key', () => {
    // Arrange
    const key = 'POST /v1/objects/{id}/status';

    // Act
    const route = routeByKey(key);

    // Assert
    expect(route && keyOf(route)).toBe(key);
  });

  it('finds nothing for a key that is not declared', () => {
    // Arrange
    const key = 'DELETE /v1/objects/{id}';

    // Act
    const route = routeByKey(key);

    // Assert
    expect(route).toBeUndefined();
  });
});
