// An object's matches, as its museum's console shows them: newest first, with where and when it was seen, a page at a
// time, reviewed ones kept, and only for the museum that owns it and investigators.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Caller } from '../../schemas/identity.ts';
import { apiClient, type Reply } from '../support/api.ts';
import { until } from '../support/until.ts';
import { inventoryNumberOf, numberedIcon } from '../fixtures/objects.ts';

const api = apiClient(inject('apiUrl'));
const run = randomUUID().slice(0, 8);
const museum: Caller = { sub: 'registrar-1', org: `museum-object-matches-${run}`, role: 'museum' };
const otherMuseum: Caller = { sub: 'registrar-2', org: `museum-elsewhere-${run}`, role: 'museum' };
const customs: Caller = { sub: 'officer-1', org: `customs-object-matches-${run}`, role: 'customs' };
const market: Caller = { sub: 'monitor-1', org: `market-object-matches-${run}`, role: 'market' };
// An inventory number of this run, so that copies of the icon registered by other test files are told apart. Their
// sightings may still match this icon too: the assertions look at this file's two among them.
const number = inventoryNumberOf(run);

async function reportSighting(date: string, country: string, place: string, by: { as: Caller; channel: string; sourceUrl?: string } = { as: customs, channel: 'customs' }) {
  const accepted = await api.call('POST', '/v1/sightings', {
    as: by.as,
    body: {
      channel: by.channel,
      lang: 'en',
      text: `Post-Byzantine icon of Saint Nicholas blessing, on a gold ground, inscribed Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ; inventory number ${number} on the back; 42 x 31 cm`,
      seenAt: { date, country, place },
      ...(by.sourceUrl ? { sourceUrl: by.sourceUrl } : {}),
    },
  });
  expect(accepted.status).toBe(202);
  const settled = await until(
    () => api.call('GET', `/v1/sightings/${accepted.body.id}`, { as: by.as }),
    (reply: Reply) => reply.body.status !== 'pending',
    60_000,
    200,
  );
  const match = (settled.body.matches as { id: string; objectId: string }[]).find((candidate) => candidate.objectId === objectId);
  if (!match) throw new Error(`the sighting did not match the icon: ${JSON.stringify(settled.body)}`);
  return match.id;
}

interface Listed {
  id: string;
  status: string;
  reasons: unknown[];
  review?: unknown;
}

let objectId: string;
let older: string;
let newer: string;

beforeAll(async () => {
  const created = await api.call('POST', '/v1/objects', { as: museum, body: numberedIcon(number) });
  expect(created.status).toBe(201);
  objectId = created.body.id;
  older = await reportSighting('2026-10-02', 'AL', 'Kakavia');
  newer = await reportSighting('2026-11-20', 'MK', 'Bogorodica');
}, 150_000);

/** The matches of this file's two sightings, in the order listed. */
const ours = (items: Listed[]) => items.filter((match) => match.id === newer || match.id === older);

describe('GET /v1/objects/{id}/matches', () => {
  it('lists the matches newest first, each with where and when the object was seen', async () => {
    // Act
    const reply = await api.call('GET', `/v1/objects/${objectId}/matches`, { as: museum });

    // Assert
    expect(reply.status).toBe(200);
    expect(ours(reply.body.items).map((match) => match.id)).toEqual([newer, older]);
    expect(ours(reply.body.items)[0]).toMatchObject({
      objectId,
      status: 'open',
      confidence: expect.stringMatching(/^(high|medium|low)$/),
      sighting: { channel: 'customs', seenAt: { date: '2026-11-20', country: 'MK', place: 'Bogorodica' } },
    });
    expect(ours(reply.body.items)[0]?.reasons.length).toBeGreaterThan(0);
    expect(reply.body).not.toHaveProperty('cursor');
  });

  it("shows the owning museum a market sighting's lot page and sale date, and no other field of the sighting", async () => {
    // Arrange: an auction house's lot, its sale on 5 December
    const lot = await reportSighting('2026-12-05', 'GB', 'Sale of Byzantine art, lot 42', { as: market, channel: 'auction', sourceUrl: `https://auctions.example/lots/42-${run}` });

    // Act
    const reply = await api.call('GET', `/v1/objects/${objectId}/matches`, { as: museum });

    // Assert: what alerts tell it, no more (not the text, the photos or who reported it)
    const found = (reply.body.items as (Listed & { sighting?: unknown })[]).find((match) => match.id === lot);
    expect(found?.sighting).toEqual({
      channel: 'auction',
      seenAt: { date: '2026-12-05', country: 'GB', place: 'Sale of Byzantine art, lot 42' },
      sourceUrl: `https://auctions.example/lots/42-${run}`,
    });
  });

  it('hands the list out a page at a time with a cursor', async () => {
    // Arrange
    const whole = await api.call('GET', `/v1/objects/${objectId}/matches`, { as: customs });

    // Act
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.call('GET', `/v1/objects/${objectId}/matches?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { as: customs });
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      paged.push(...page.body.items.map((match: { id: string }) => match.id));
      cursor = page.body.cursor;
    } while (cursor);
    const forged = await api.call('GET', `/v1/objects/${objectId}/matches?cursor=${Buffer.from('{"listPk":"OBJECT"}').toString('base64url')}`, { as: customs });

    // Assert
    expect(paged).toEqual(whole.body.items.map((match: { id: string }) => match.id));
    expect(paged).toEqual(expect.arrayContaining([newer, older]));
    expect(forged.status).toBe(400);
  });

  it('keeps a reviewed match in the list, with its verdict and the reviewer note for the owning museum', async () => {
    // Arrange
    const reviewed = await api.call('POST', `/v1/matches/${older}/review`, { as: museum, body: { verdict: 'rejected', note: 'Different frame' } });
    expect(reviewed.status).toBe(200);

    // Act
    const reply = await api.call('GET', `/v1/objects/${objectId}/matches`, { as: museum });

    // Assert
    expect(ours(reply.body.items).map((match) => `${match.id} ${match.status}`)).toEqual([`${newer} open`, `${older} rejected`]);
    expect(ours(reply.body.items)[1]?.review).toMatchObject({ verdict: 'rejected', note: 'Different frame', by: { org: museum.org } });
  });

  it('refuses another museum and the art market, and answers 404 for an object that does not exist', async () => {
    // Act
    const byOtherMuseum = await api.call('GET', `/v1/objects/${objectId}/matches`, { as: otherMuseum });
    const byMarket = await api.call('GET', `/v1/objects/${objectId}/matches`, { as: market });
    const unknown = await api.call('GET', `/v1/objects/${randomUUID()}/matches`, { as: customs });

    // Assert
    expect(byOtherMuseum.status).toBe(403);
    expect(byMarket.status).toBe(403);
    expect(unknown.status).toBe(404);
  });
});
