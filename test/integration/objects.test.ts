// Registering, reading, listing, editing and changing the status of objects, end to end over HTTP.
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { RegisterObject } from '../../schemas/object-id.ts';
import { operatorsOrg, type Caller } from '../../schemas/identity.ts';
import { apiClient } from '../support/api.ts';
import { greekIcon } from '../fixtures/objects.ts';

const api = apiClient(inject('apiUrl'));
// Each run gets its own organisations, so listings are not disturbed by other test files.
const run = randomUUID().slice(0, 8);
const museum: Caller = { sub: 'registrar-1', org: `museum-corfu-${run}`, role: 'museum' };
const otherMuseum: Caller = { sub: 'registrar-2', org: `museum-lyon-${run}`, role: 'museum' };
const police: Caller = { sub: 'analyst-1', org: `carabinieri-${run}`, role: 'police' };
const customs: Caller = { sub: 'officer-1', org: `customs-gr-${run}`, role: 'customs' };
const market: Caller = { sub: 'monitor-1', org: `auction-watch-${run}`, role: 'market' };
const publicUser: Caller = { sub: 'visitor-1', org: 'public', role: 'public' };
const admin: Caller = { sub: 'admin-1', org: operatorsOrg, role: 'admin' };

const icon = (overrides: Record<string, unknown> = {}) =>
  RegisterObject.parse({ ...greekIcon, policeReference: `GR-CORFU-${run}`, ...overrides });

async function register(body = icon(), as = museum) {
  const reply = await api.call('POST', '/v1/objects', { as, body });
  expect(reply.status).toBe(201);
  return reply.body as { id: string; version: number } & Record<string, any>;
}

describe('registering an object', () => {
  it('returns 201 with id, version 1, creation time and status, owned by the museum', async () => {
    // Act
    const reply = await api.call('POST', '/v1/objects', { as: museum, body: icon() });
    // Assert
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ version: 1, status: 'stolen', orgId: museum.org, title: 'Άγιος Νικόλαος', images: [] });
    expect(reply.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(reply.body.createdAt)).not.toBeNaN();
    expect(reply.headers.get('etag')).toBe('"1"');
  });

  it('answers 400 naming every failing field, and stores nothing', async () => {
    // Arrange
    const before = await api.call('GET', `/v1/objects?limit=100`, { as: otherMuseum });
    const bad = { ...icon(), objectType: '', incident: { country: 'XX' }, colour: 'red', measurements: { height: 30 } };
    // Act
    const reply = await api.call('POST', '/v1/objects', { as: otherMuseum, body: bad });
    // Assert
    expect(reply.status).toBe(400);
    const paths = (reply.body.error.fields as { path: string }[]).map((field) => field.path).sort();
    expect(paths).toEqual(['colour', 'incident.country', 'measurements.unit', 'objectType']);
    const after = await api.call('GET', `/v1/objects?limit=100`, { as: otherMuseum });
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('answers 400 for a body that is not JSON', async () => {
    // Act
    const reply = await api.call('POST', '/v1/objects', { as: museum, rawBody: '{"objectType": ', headers: { 'content-type': 'application/json' } });
    // Assert
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/not valid JSON/);
  });

  it('forbids police, customs, market and public callers from registering', async () => {
    for (const caller of [police, customs, market, publicUser]) {
      // Act
      const reply = await api.call('POST', '/v1/objects', { as: caller, body: icon() });
      // Assert
      expect(reply.status, caller.role).toBe(403);
    }
  });
});

describe('reading objects', () => {
  it('shows the police reference and contact to police, customs, admin and the owning museum only', async () => {
    // Arrange
    const { id } = await register({ ...icon(), visibility: 'public' });
    for (const [caller, sees] of [
      [museum, true],
      [police, true],
      [customs, true],
      [admin, true],
      [otherMuseum, false],
      [market, false],
      [publicUser, false],
    ] as const) {
      // Act
      const reply = await api.call('GET', `/v1/objects/${id}`, { as: caller });
      // Assert
      expect(reply.status).toBe(200);
      expect('policeReference' in reply.body, `${caller.role} ${caller.org}`).toBe(sees);
      expect('contact' in reply.body, `${caller.role} ${caller.org}`).toBe(sees);
    }
  });

  it('answers 404 for an unknown object and 400 for an id that is not one', async () => {
    // Act
    const missing = await api.call('GET', `/v1/objects/${randomUUID()}`, { as: police });
    const malformed = await api.call('GET', '/v1/objects/not-an-id', { as: police });
    // Assert
    expect(missing.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields[0].path).toBe('id');
  });

  it('lists newest first, filtered by country, status and type, in pages joined by an opaque cursor', async () => {
    // Arrange: a museum of its own country code so that the country filter sees only these objects
    const org: Caller = { sub: 'registrar-9', org: `museum-malta-${run}`, role: 'museum' };
    const created: string[] = [];
    for (const [index, objectType] of ['icon', 'chalice', 'icon', 'Icon', 'manuscript'].entries()) {
      const body = icon({ objectType, title: `object ${index}`, incident: { country: 'MT', place: 'Mdina' } });
      created.push((await register(body, org)).id);
    }
    // Act
    const first = await api.call('GET', '/v1/objects?country=MT&objectType=icon&status=stolen&limit=2', { as: police });
    const second = await api.call('GET', `/v1/objects?country=MT&objectType=icon&status=stolen&limit=2&cursor=${first.body.cursor}`, { as: police });
    // Assert
    const icons = [created[3], created[2], created[0]];
    expect(first.status).toBe(200);
    expect(first.body.items.map((item: { id: string }) => item.id)).toEqual(icons.slice(0, 2));
    expect(second.body.items.map((item: { id: string }) => item.id)).toEqual(icons.slice(2));
    expect(second.body.cursor).toBeUndefined();
    expect(first.body.items[0].policeReference).toBe(`GR-CORFU-${run}`);
  });

  it('rejects a forged cursor with 400', async () => {
    // Act
    const reply = await api.call('GET', '/v1/objects?cursor=bm90LWEtY3Vyc29y', { as: police });
    // Assert
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields[0].path).toBe('cursor');
  });

  it('hides restricted fields in listings from the market', async () => {
    // Arrange
    await register();
    // Act
    const reply = await api.call('GET', '/v1/objects?limit=100', { as: market });
    // Assert
    expect(reply.status).toBe(200);
    expect(reply.body.items.length).toBeGreaterThan(0);
    for (const item of reply.body.items) {
      expect(item).not.toHaveProperty('policeReference');
      expect(item).not.toHaveProperty('contact');
    }
  });
});

describe('editing an object', () => {
  it('applies a patch with the current version, bumps the version and records the changed fields', async () => {
    // Arrange
    const { id } = await register();
    // Act
    const reply = await api.call('PATCH', `/v1/objects/${id}`, {
      as: museum,
      headers: { 'if-match': '"1"' },
      body: { title: 'Saint Nicholas with scenes from his life', culture: null },
    });
    // Assert
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ version: 2, title: 'Saint Nicholas with scenes from his life' });
    expect(reply.body).not.toHaveProperty('culture');
    const history = await api.call('GET', `/v1/objects/${id}/history`, { as: museum });
    expect(history.body.items.map((entry: { change: string }) => entry.change)).toEqual(['registered', 'edited']);
    expect(history.body.items[1].fields).toEqual(['culture', 'title']);
  });

  it('answers 409 to a stale version and changes nothing', async () => {
    // Arrange
    const { id } = await register();
    await api.call('PATCH', `/v1/objects/${id}`, { as: museum, headers: { 'if-match': '1' }, body: { title: 'First edit' } });
    // Act
    const stale = await api.call('PATCH', `/v1/objects/${id}`, { as: museum, headers: { 'if-match': '1' }, body: { title: 'Lost edit' } });
    // Assert
    expect(stale.status).toBe(409);
    const current = await api.call('GET', `/v1/objects/${id}`, { as: museum });
    expect(current.body).toMatchObject({ version: 2, title: 'First edit' });
  });

  it('lets exactly one of two simultaneous edits of the same version win', async () => {
    // Arrange
    const { id } = await register();
    // Act
    const replies = await Promise.all(
      ['Edit A', 'Edit B', 'Edit C'].map((title) => api.call('PATCH', `/v1/objects/${id}`, { as: museum, headers: { 'if-match': '1' }, body: { title } })),
    );
    // Assert
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409, 409]);
    const history = await api.call('GET', `/v1/objects/${id}/history`, { as: museum });
    expect(history.body.items.map((entry: { version: number }) => entry.version)).toEqual([1, 2]);
  });

  it('requires If-Match (428) and rejects a patch that breaks the record (400)', async () => {
    // Arrange
    const { id } = await register();
    // Act
    const unversioned = await api.call('PATCH', `/v1/objects/${id}`, { as: museum, body: { title: 'x' } });
    const broken = await api.call('PATCH', `/v1/objects/${id}`, { as: museum, headers: { 'if-match': '1' }, body: { measurements: { height: 12 } } });
    const statusViaPatch = await api.call('PATCH', `/v1/objects/${id}`, { as: museum, headers: { 'if-match': '1' }, body: { status: 'recovered' } });
    // Assert
    expect(unversioned.status).toBe(428);
    expect(broken.status).toBe(400);
    expect(broken.body.error.fields[0].path).toBe('measurements.unit');
    expect(statusViaPatch.status).toBe(400);
    expect((await api.call('GET', `/v1/objects/${id}`, { as: museum })).body.version).toBe(1);
  });

  it('forbids another museum, police and the market from editing (403), and lets an admin edit', async () => {
    // Arrange
    const { id } = await register();
    // Act
    const denied = await Promise.all(
      [otherMuseum, police, market].map((as) => api.call('PATCH', `/v1/objects/${id}`, { as, headers: { 'if-match': '1' }, body: { title: 'x' } })),
    );
    const allowed = await api.call('PATCH', `/v1/objects/${id}`, { as: admin, headers: { 'if-match': '1' }, body: { title: 'Corrected by admin' } });
    // Assert
    expect(denied.map((reply) => reply.status)).toEqual([403, 403, 403]);
    expect(allowed.status).toBe(200);
  });
});

describe('changing the status', () => {
  it('records recovery and return in the history with the note', async () => {
    // Arrange
    const { id } = await register();
    // Act
    const recovered = await api.call('POST', `/v1/objects/${id}/status`, { as: museum, body: { status: 'recovered', note: 'Seized by customs at Igoumenitsa' } });
    const returned = await api.call('POST', `/v1/objects/${id}/status`, { as: museum, body: { status: 'returned' } });
    // Assert
    expect(recovered.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', version: 3 });
    const history = await api.call('GET', `/v1/objects/${id}/history`, { as: police });
    expect(history.body.items.slice(1)).toMatchObject([
      { change: 'status-changed', from: 'stolen', to: 'recovered', note: 'Seized by customs at Igoumenitsa', version: 2 },
      { change: 'status-changed', from: 'recovered', to: 'returned', version: 3 },
    ]);
  });

  it('answers 409 for the current status, 400 for an unknown one, 403 for another museum', async () => {
    // Arrange
    const { id } = await register();
    // Act
    const same = await api.call('POST', `/v1/objects/${id}/status`, { as: museum, body: { status: 'stolen' } });
    const unknown = await api.call('POST', `/v1/objects/${id}/status`, { as: museum, body: { status: 'found' } });
    const foreign = await api.call('POST', `/v1/objects/${id}/status`, { as: otherMuseum, body: { status: 'recovered' } });
    // Assert
    expect([same.status, unknown.status, foreign.status]).toEqual([409, 400, 403]);
    expect((await api.call('GET', `/v1/objects/${id}`, { as: museum })).body).toMatchObject({ status: 'stolen', version: 1 });
  });
});
