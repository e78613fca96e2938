// The HTTP contract shared by every route: tokens, unknown routes and methods, body limits, the OpenAPI document.
import { describe, expect, inject, it } from 'vitest';
import { apiClient } from '../support/api.ts';

const api = apiClient(inject('apiUrl'));
const analyst = { sub: 'analyst-7', org: 'interpol-woa', role: 'police' } as const;

describe('authentication', () => {
  it('answers 401 without a token, with a malformed token and with a token from another issuer', async () => {
    // Arrange: a well-formed RS256 token that our issuer never signed
    const foreign =
      'eyJhbGciOiJSUzI1NiIsImtpZCI6ImZvcmVpZ24ifQ.eyJzdWIiOiJ4Iiwib3JnIjoieSIsInJvbGUiOiJhZG1pbiJ9.c2lnbmF0dXJl';
    // Act
    const replies = await Promise.all([
      api.call('GET', '/v1/objects'),
      api.call('GET', '/v1/objects', { bearer: 'not-a-jwt' }),
      api.call('GET', '/v1/objects', { bearer: foreign }),
    ]);
    // Assert
    expect(replies.map((reply) => reply.status)).toEqual([401, 401, 401]);
    expect(replies[0].headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses to issue a local token for an unknown role', async () => {
    // Act
    const reply = await api.call('POST', '/dev/tokens', { body: { sub: 'x', org: 'y', role: 'superuser' } });
    // Assert
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields[0].path).toBe('role');
  });

  it('refuses to issue an admin token for an organisation other than the operators, and says why', async () => {
    // Act
    const reply = await api.call('POST', '/dev/tokens', { body: { sub: 'mallory', org: 'museum-of-corfu', role: 'admin' } });
    const operator = await api.call('POST', '/dev/tokens', { body: { sub: 'ops-1', org: 'registry-operators', role: 'admin' } });
    // Assert
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toEqual([{ path: 'org', reason: 'must be registry-operators: the admin role belongs to it alone' }]);
    expect(operator.status).toBe(201);
  });
});

describe('routing', () => {
  it('answers 404 for an unknown path and 405 with Allow for a known path and another method', async () => {
    // Act
    const unknown = await api.call('GET', '/v1/paintings', { as: analyst });
    const wrongMethod = await api.call('DELETE', '/v1/objects', { as: analyst });
    // Assert
    expect(unknown.status).toBe(404);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST, GET');
  });

  it('answers GET / from a program (no Accept: text/html) with where the console and the public API document are', async () => {
    // Act
    const reply = await api.call('GET', '/', { headers: { accept: 'application/json' } });
    const document = await api.call('GET', new URL(reply.body.openapi).pathname);
    // Assert
    expect(reply.status).toBe(200);
    expect(reply.body.console).toBe(`${inject('apiUrl')}/`);
    expect(reply.body.openapi).toBe(`${inject('apiUrl')}/v1/openapi.json`);
    expect(document.status).toBe(200);
    expect(document.body.openapi).toBe('3.1.0');
  });

  it('answers 413 to a body over the 1 MB limit', async () => {
    // Act
    const reply = await api.call('POST', '/v1/objects', {
      as: { sub: 'r', org: 'museum-big', role: 'museum' },
      rawBody: JSON.stringify({ description: 'x'.repeat(1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    // Assert
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('payload-too-large');
  });
});

describe('every response', () => {
  it('carries security headers, errors included', async () => {
    // Act
    const replies = await Promise.all([api.call('GET', '/v1/objects', { as: analyst }), api.call('GET', '/v1/objects'), api.call('GET', '/nowhere')]);
    // Assert
    for (const reply of replies) {
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(reply.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });
});

describe('the OpenAPI document', () => {
  it('is public: served without a token, generated from the schemas, with every route', async () => {
    // Act
    const reply = await api.call('GET', '/v1/openapi.json');
    const withToken = await api.call('GET', '/v1/openapi.json', { as: analyst });
    // Assert
    expect(reply.status).toBe(200);
    expect(withToken.body).toEqual(reply.body);
    expect(reply.body.paths['/v1/openapi.json'].get.security).toEqual([]);
    expect(reply.body.openapi).toBe('3.1.0');
    expect(Object.keys(reply.body.paths)).toEqual(
      expect.arrayContaining(['/v1/objects', '/v1/objects/{id}', '/v1/objects/{id}/status', '/v1/objects/{id}/history', '/v1/objects/{id}/images']),
    );
    expect(reply.body.components.schemas.RegisterObject.required).toEqual(
      expect.arrayContaining(['objectType', 'description', 'status', 'lang']),
    );
  });
});
