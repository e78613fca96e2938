// The audit trail on the local stack: reads of restricted fields, writes and searches are kept, and shown to admins
// and to the museum that owns the object, to nobody else.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Caller } from '../../schemas/identity.ts';
import { RegisterObject } from '../../schemas/object-id.ts';
import { apiClient } from '../support/api.ts';
import { greekIcon } from '../fixtures/objects.ts';

const api = apiClient(inject('apiUrl'));
const run = randomUUID().slice(0, 8);
const museum: Caller = { sub: `registrar-${run}`, org: `museum-audit-${run}`, role: 'museum' };
const otherMuseum: Caller = { sub: `registrar-b-${run}`, org: `museum-b-audit-${run}`, role: 'museum' };
const police: Caller = { sub: `analyst-${run}`, org: `police-audit-${run}`, role: 'police' };
const market: Caller = { sub: `dealer-${run}`, org: `market-audit-${run}`, role: 'market' };
const customs: Caller = { sub: `officer-${run}`, org: `customs-audit-${run}`, role: 'customs' };
const admin: Caller = { sub: `admin-${run}`, org: 'registry-operators', role: 'admin' };

let objectId = '';

beforeAll(async () => {
  const created = await api.call('POST', '/v1/objects', { as: museum, body: RegisterObject.parse(greekIcon) });
  expect(created.status).toBe(201);
  objectId = created.body.id as string;
});

describe('the audit trail', () => {
  it("shows a museum who read its object, marking the reads that showed restricted fields", async () => {
    // Arrange
    await api.call('GET', `/v1/objects/${objectId}`, { as: police });
    await api.call('GET', `/v1/objects/${objectId}`, { as: market });
    await api.call('PATCH', `/v1/objects/${objectId}`, { as: market, headers: { 'if-match': '"1"' }, body: { title: 'Forged' } });

    // Act
    const trail = await api.call('GET', `/v1/audit?objectId=${objectId}`, { as: museum });

    // Assert
    expect(trail.status).toBe(200);
    const seen = (trail.body.items as { actor: { sub: string }; route: string; status: number; restrictedRead?: boolean }[]).map(
      (entry) => `${entry.actor.sub} ${entry.route} ${entry.status}${entry.restrictedRead ? ' restricted' : ''}`,
    );
    expect(seen).toEqual([
      `${market.sub} PATCH /v1/objects/{id} 403`,
      `${market.sub} GET /v1/objects/{id} 200`,
      `${police.sub} GET /v1/objects/{id} 200 restricted`,
      `${museum.sub} POST /v1/objects 201`,
    ]);
  });

  it("keeps a search's text and whether it had a photo, for an admin to read by person", async () => {
    // Arrange
    await api.call('POST', '/v1/search', { as: customs, body: { text: `Icon of Saint Nicholas seen at the border ${run}`, lang: 'en', structured: { objectType: 'icon' } } });

    // Act
    const trail = await api.call('GET', `/v1/audit?actor=${customs.sub}`, { as: admin });

    // Assert
    expect(trail.status).toBe(200);
    expect(trail.body.items).toEqual([
      expect.objectContaining({ action: 'search', status: 200, actor: customs, query: { text: `Icon of Saint Nicholas seen at the border ${run}`, fields: ['objectType'], photo: false } }),
    ]);
  });

  it("refuses another museum, a museum's look at a person, and other roles; asks for objectId or actor", async () => {
    // Act
    const byOther = await api.call('GET', `/v1/audit?objectId=${objectId}`, { as: otherMuseum });
    const personByMuseum = await api.call('GET', `/v1/audit?actor=${police.sub}`, { as: museum });
    const byPolice = await api.call('GET', `/v1/audit?objectId=${objectId}`, { as: police });
    const empty = await api.call('GET', '/v1/audit', { as: admin });

    // Assert
    expect([byOther.status, personByMuseum.status, byPolice.status, empty.status]).toEqual([403, 403, 403, 400]);
    expect(empty.body.error.fields).toEqual([{ path: 'objectId', reason: 'give objectId or actor' }]);
  });
});
