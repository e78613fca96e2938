// Every response of the local stack carries the security headers, and CORS answers only the local console's origin.
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { cors, securityHeaders } from '../../functions/http/security-headers.ts';
import { routes } from '../../infra/wiring.ts';
import type { Caller } from '../../schemas/identity.ts';
import { apiClient } from '../support/api.ts';

const apiUrl = inject('apiUrl');
const api = apiClient(apiUrl);
const museum: Caller = { sub: 'registrar-1', org: `museum-headers-${randomUUID().slice(0, 8)}`, role: 'museum' };
const { port } = new URL(apiUrl);
const consoleOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
const evil = 'https://evil.example';

async function send(method: string, path: string, options: { token?: string; body?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${apiUrl}${path}`, { method, headers, redirect: 'manual', ...(options.body !== undefined ? { body: options.body } : {}) });
  await response.arrayBuffer();
  return response;
}

const securityHeadersOf = (response: Response) =>
  Object.fromEntries(Object.keys(securityHeaders).map((name) => [name, response.headers.get(name)]));

/** A declared route's path with every parameter filled in, and a body for the methods that take one. */
const requestFor = (route: (typeof routes)[number]) => ({
  method: route.method,
  path: route.path.replace(/\{\w+\}/g, randomUUID()),
  ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: '{}' }),
});

describe('security headers', () => {
  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))('are on the response to %s, with a token', async (_, route) => {
    // Arrange
    const { method, path, body } = requestFor(route);
    const token = await api.token(museum);

    // Act
    const response = await send(method, path, { token, ...(body !== undefined ? { body } : {}) });

    // Assert
    expect(securityHeadersOf(response), `${response.status}`).toEqual(securityHeaders);
  });

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))('are on the response to %s, without a token', async (_, route) => {
    // Arrange
    const { method, path, body } = requestFor(route);

    // Act
    const response = await send(method, path, body !== undefined ? { body } : {});

    // Assert
    expect(securityHeadersOf(response)).toEqual(securityHeaders);
  });

  it.each([
    ['an unknown path', 'GET', '/v1/nowhere', undefined, 404],
    ['a declared path with the wrong method', 'PUT', '/v1/objects', '{}', 405],
    ['a token request', 'POST', '/dev/tokens', JSON.stringify(museum), 201],
    ['a malformed token request', 'POST', '/dev/tokens', '{"role":"pirate"}', 400],
    ['the local issuer keys', 'GET', '/dev/.well-known/jwks.json', undefined, 200],
    ['the local Lambda API', 'GET', '/2015-03-31/event-source-mappings/', undefined, 200],
    ['an unknown Lambda API path', 'GET', '/2015-03-31/functions/nothing', undefined, 404],
  ])('are on the response to %s', async (_, method, path, body, status) => {
    // Act
    const response = await send(method, path, body !== undefined ? { body } : {});

    // Assert
    expect(response.status).toBe(status);
    expect(securityHeadersOf(response)).toEqual(securityHeaders);
  });

  it('are on the 413 the runtime gives a body over API Gateway’s 10 MB', async () => {
    // Act
    const response = await send('POST', '/v1/search', { body: JSON.stringify({ text: 'x'.repeat(10 * 1024 * 1024 + 1) }) });

    // Assert
    expect(response.status).toBe(413);
    expect(securityHeadersOf(response)).toEqual(securityHeaders);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    send('OPTIONS', '/v1/objects', { headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });

  it.each(consoleOrigins)('lets the local console at %s make a preflighted call', async (origin) => {
    // Act
    const response = await preflight(origin);

    // Assert
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-headers')).toBe(cors.allowHeaders.join(','));
    expect(securityHeadersOf(response)).toEqual(securityHeaders);
  });

  it('grants nothing to a preflight from another origin', async () => {
    // Act
    const response = await preflight(evil);

    // Assert
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
    expect(securityHeadersOf(response)).toEqual(securityHeaders);
  });

  it('lets the local console read a response, and another origin not', async () => {
    // Act
    const fromConsole = await send('GET', '/v1/openapi.json', { headers: { origin: consoleOrigins[0]! } });
    const fromEvil = await send('GET', '/v1/openapi.json', { headers: { origin: evil } });

    // Assert
    expect(fromConsole.headers.get('access-control-allow-origin')).toBe(consoleOrigins[0]);
    expect(fromConsole.headers.get('access-control-expose-headers')).toBe('etag,location');
    expect(fromEvil.headers.get('access-control-allow-origin')).toBeNull();
  });
});
