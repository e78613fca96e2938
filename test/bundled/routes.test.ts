// Every function behind the HTTP API, bundled: one of its routes answers an admin without a server error, so each
// bundle loaded and ran its handler, middleware and adapters (a bundle that cannot load answers 500).
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { routes } from '../../infra/wiring.ts';
import { operatorsOrg } from '../../schemas/identity.ts';
import { apiClient } from '../support/api.ts';

const api = apiClient(inject('apiUrl'));
const admin = { sub: `bundled-admin-${randomUUID()}`, org: operatorsOrg, role: 'admin' } as const;
// One route per function, a read where it has one: the first the declaration lists.
const routeOf = new Map<string, (typeof routes)[number]>();
for (const route of [...routes].sort((a, b) => Number(b.method === 'GET') - Number(a.method === 'GET'))) if (!routeOf.has(route.fn)) routeOf.set(route.fn, route);

describe('bundled API functions', () => {
  it.each([...routeOf.values()].map((route) => [route.fn, route] as const))('%s answers one of its routes', async (_fn, route) => {
    // Arrange: path parameters name nothing that exists; a body, where one is taken, is empty.
    const path = route.path.replace(/\{[^}]+\}/g, randomUUID());

    // Act
    const reply = await api.call(route.method, path, { as: admin, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }) });

    // Assert: a 4xx naming the reason is an answer; a 5xx is a bundle that failed, a 401 a caller it could not verify.
    expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(500);
    expect(reply.status).not.toBe(401);
  });

  it('fallback answers an unknown path with 404', async () => {
    const reply = await api.call('GET', `/v1/no-such-thing-${randomUUID()}`, { as: admin });
    expect(reply.status).toBe(404);
  });
});
