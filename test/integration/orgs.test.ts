// Organisations on the local stack: admins register and suspend them and invite members; a token is only as good as
// its organisation.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { operatorsOrg, type Caller } from '../../schemas/identity.ts';
import { apiClient } from '../support/api.ts';

const apiUrl = inject('apiUrl');
const api = apiClient(apiUrl);
const run = randomUUID().slice(0, 8);
const admin: Caller = { sub: 'ops-1', org: operatorsOrg, role: 'admin' };

/** A token the local issuer's own key signs, for an organisation nobody registered (the dev route would register it). */
async function tokenForUnregistered(claims: { sub: string; org: string; role: string }): Promise<string> {
  const jwk = JSON.parse(await readFile(join(inject('dataDir'), 'dev-issuer-key.json'), 'utf8')) as JWK;
  return new SignJWT({ org: claims.org, role: claims.role })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid ?? '' })
    .setSubject(claims.sub)
    .setIssuer(`${apiUrl}/dev`)
    .setAudience('registry-local')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(await importJWK(jwk, 'RS256'));
}

describe('organisations', () => {
  it('are registered by admins with an id made from the name, once, and refuse a bad kind naming the field', async () => {
    // Act
    const created = await api.call('POST', '/v1/orgs', { as: admin, body: { name: `Musée d'Épinal ${run}`, kind: 'museum', country: 'FR' } });
    const again = await api.call('POST', '/v1/orgs', { as: admin, body: { name: `Musée d'Épinal ${run}`, kind: 'museum', country: 'FR' } });
    const badKind = await api.call('POST', '/v1/orgs', { as: admin, body: { name: 'Somewhere', kind: 'gallery', country: 'FR' } });
    const listed = await api.call('GET', '/v1/orgs', { as: admin });

    // Assert
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: `musee-d-epinal-${run}`, kind: 'museum', country: 'FR', status: 'active' });
    expect(again.status).toBe(409);
    expect(again.body.error.fields).toEqual([{ path: 'id', reason: 'is taken' }]);
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.fields.map((field: { path: string }) => field.path)).toEqual(['kind']);
    expect(listed.body.items.map((org: { id: string }) => org.id)).toContain(`musee-d-epinal-${run}`);
  });

  it('take members in the role of their kind only', async () => {
    // Arrange
    const org = (await api.call('POST', '/v1/orgs', { as: admin, body: { id: `customs-${run}`, name: `Customs ${run}`, kind: 'customs', country: 'AL' } })).body.id as string;

    // Act
    const wrongRole = await api.call('POST', `/v1/orgs/${org}/members`, { as: admin, body: { email: 'officer@customs.example', role: 'police' } });
    const invited = await api.call('POST', `/v1/orgs/${org}/members`, { as: admin, body: { email: 'Officer@Customs.example', role: 'customs' } });
    const members = await api.call('GET', `/v1/orgs/${org}/members`, { as: admin });

    // Assert
    expect(wrongRole.status).toBe(400);
    expect(wrongRole.body.error.fields).toEqual([{ path: 'role', reason: 'must be customs for a customs' }]);
    expect(invited.status).toBe(201);
    expect(members.body.items).toEqual([expect.objectContaining({ email: 'officer@customs.example', role: 'customs', org, invitedBy: admin.sub })]);
  });

  it("refuse a suspended organisation's tokens with 403 until it is reactivated", async () => {
    // Arrange
    const police: Caller = { sub: 'analyst', org: `police-suspended-${run}`, role: 'police' };
    const before = await api.call('GET', '/v1/objects?limit=1', { as: police });

    // Act
    const suspended = await api.call('POST', `/v1/orgs/${police.org}/status`, { as: admin, body: { status: 'suspended', reason: 'credentials reported stolen' } });
    const during = await api.call('GET', '/v1/objects?limit=1', { as: police });
    await api.call('POST', `/v1/orgs/${police.org}/status`, { as: admin, body: { status: 'active' } });
    const after = await api.call('GET', '/v1/objects?limit=1', { as: police });

    // Assert
    expect(before.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: 'credentials reported stolen' });
    expect(during.status).toBe(403);
    expect(during.body.error.message).toContain('suspended');
    expect(after.status).toBe(200);
  });

  it('refuse a validly signed token of an unregistered organisation, and the admin role outside the operators', async () => {
    // Arrange
    const unregistered = await tokenForUnregistered({ sub: 'someone', org: `never-registered-${run}`, role: 'police' });
    // Signed here: the local issuer refuses to sign it.
    const mallory = await tokenForUnregistered({ sub: 'mallory', org: `museum-mallory-${run}`, role: 'admin' });

    // Act
    const byUnregistered = await api.call('GET', '/v1/objects?limit=1', { bearer: unregistered });
    const fakeAdmin = await api.call('GET', '/v1/orgs', { bearer: mallory });

    // Assert
    expect(byUnregistered.status).toBe(403);
    expect(byUnregistered.body.error.message).toContain('not registered');
    expect(fakeAdmin.status).toBe(403);
    expect(fakeAdmin.body.error.message).toContain('the admin role belongs to it alone');
  });
});
