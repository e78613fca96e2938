// A sighting sent again with its Idempotency-Key (a retry after a lost answer, a phone's queue sent twice) is stored
// and matched once, against the local stack; the same key with another report is refused; keys are per organisation.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Caller } from '../../schemas/identity.ts';
import { apiClient, type Reply } from '../support/api.ts';
import { until } from '../support/until.ts';
import { inventoryNumberOf, numberedIcon } from '../fixtures/objects.ts';

const api = apiClient(inject('apiUrl'));
const run = randomUUID().slice(0, 8);
const museum: Caller = { sub: 'registrar-1', org: `museum-idempotency-${run}`, role: 'museum' };
const customs: Caller = { sub: 'officer-1', org: `customs-idempotency-${run}`, role: 'customs' };
const colleague: Caller = { sub: 'officer-2', org: customs.org, role: 'customs' };
const otherCustoms: Caller = { sub: 'officer-3', org: `customs-elsewhere-${run}`, role: 'customs' };
// An inventory number of this run, so that this file's sightings match this file's icon.
const number = inventoryNumberOf(run);

let objectId: string;

beforeAll(async () => {
  const created = await api.call('POST', '/v1/objects', { as: museum, body: numberedIcon(number) });
  expect(created.status).toBe(201);
  objectId = created.body.id;
});

/** A report seen at a place of its own, so that its matches can be told from every other sighting's. */
const reportAt = (place: string) => ({
  channel: 'customs',
  lang: 'en',
  text: `Post-Byzantine icon of Saint Nicholas blessing, inscribed Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ; inventory number ${number} on the back`,
  seenAt: { date: '2026-11-20', country: 'AL', place: `${place} ${run}` },
});

const send = (as: Caller, body: unknown, key?: string) => api.call('POST', '/v1/sightings', { as, body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });

/** The object's matches raised by sightings seen at `place`, once the sighting `id` has been matched. */
async function matchesSeenAt(id: string, place: string) {
  await until(
    () => api.call('GET', `/v1/sightings/${id}`, { as: customs }),
    (reply: Reply) => reply.body.status !== 'pending',
    60_000,
    200,
  );
  const listed = await api.call('GET', `/v1/objects/${objectId}/matches?limit=100`, { as: customs });
  return (listed.body.items as { sightingId: string; sighting?: { seenAt: { place?: string } } }[]).filter((match) => match.sighting?.seenAt.place === `${place} ${run}`);
}

describe('POST /v1/sightings with an Idempotency-Key', () => {
  it('answers a report sent twice with one key as the first time, and stores and matches it once', async () => {
    // Arrange
    const key = randomUUID();
    const first = await send(customs, reportAt('Kakavia'), key);

    // Act
    const again = await send(colleague, reportAt('Kakavia'), `"${key}"`);

    // Assert
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(`/v1/sightings/${first.body.id}`);
    const matches = await matchesSeenAt(first.body.id, 'Kakavia');
    expect(matches.map((match) => match.sightingId)).toEqual([first.body.id]);
  }, 90_000);

  it('stores one sighting when the same report arrives several times at once', async () => {
    // Arrange
    const key = randomUUID();

    // Act
    const replies = await Promise.all(Array.from({ length: 6 }, () => send(customs, reportAt('Qafë Botë'), key)));

    // Assert
    expect(replies.map((reply) => reply.status)).toEqual(Array(6).fill(202));
    expect(new Set(replies.map((reply) => reply.body.id)).size).toBe(1);
    const matches = await matchesSeenAt(replies[0]?.body.id, 'Qafë Botë');
    expect(matches.map((match) => match.sightingId)).toEqual([replies[0]?.body.id]);
  }, 90_000);

  it('refuses the key with another report, saying why, and stores nothing for it', async () => {
    // Arrange
    const key = randomUUID();
    const first = await send(customs, reportAt('Kapshticë'), key);

    // Act
    const other = await send(customs, { ...reportAt('Kapshticë'), seenAt: { date: '2026-11-21', country: 'AL', place: `Kapshticë ${run}` } }, key);

    // Assert
    expect(first.status).toBe(202);
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({ code: 'unprocessable', fields: [{ path: 'Idempotency-Key', reason: 'was used with a different body' }] });
    expect(other.body.error.message).toContain('another sighting');
    const matches = await matchesSeenAt(first.body.id, 'Kapshticë');
    expect(matches.map((match) => match.sightingId)).toEqual([first.body.id]);
  }, 90_000);

  it('keeps keys apart per organisation: the same key from another one is a report of its own', async () => {
    // Arrange
    const key = randomUUID();

    // Act
    const ours = await send(customs, reportAt('Tre Urat'), key);
    const theirs = await send(otherCustoms, { ...reportAt('Tre Urat'), text: `A gilded icon, inventory number ${number}` }, key);

    // Assert
    expect([ours.status, theirs.status]).toEqual([202, 202]);
    expect(theirs.body.id).not.toBe(ours.body.id);
  });

  it('stores each report sent without a key, and refuses a malformed key', async () => {
    // Act
    const [one, two] = await Promise.all([send(customs, reportAt('Bllatë')), send(customs, reportAt('Bllatë'))]);
    const malformed = await send(customs, reportAt('Bllatë'), 'x'.repeat(101));

    // Assert
    expect([one.status, two.status]).toEqual([202, 202]);
    expect(one.body.id).not.toBe(two.body.id);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toEqual([{ path: 'Idempotency-Key', reason: 'is not a valid key' }]);
  });

  it('lets the console send the header from the browser, and describes it in the OpenAPI document', async () => {
    // Arrange
    const origin = new URL(inject('apiUrl')).origin;

    // Act
    const preflight = await fetch(`${origin}/v1/sightings`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
    });
    const document = await api.call('GET', '/v1/openapi.json', { as: customs });

    // Assert
    expect(preflight.headers.get('access-control-allow-headers')?.split(',')).toContain('idempotency-key');
    const operation = document.body.paths['/v1/sightings'].post;
    expect(operation.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }));
    expect(operation.responses).toHaveProperty('422');
  });
});
