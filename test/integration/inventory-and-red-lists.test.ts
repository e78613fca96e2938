// Before and after a theft, through the API on the local stack: an inventory no one else sees until the loss, records
// only law enforcement reads, status changes along the transition table, and Red List categories that flag an object
// no register knows.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Caller } from '../../schemas/identity.ts';
import { RegisterObject, type Visibility } from '../../schemas/object-id.ts';
import { apiClient, type Reply } from '../support/api.ts';
import { partnerQueue } from '../support/partners.ts';
import { until } from '../support/until.ts';
import { greekIcon } from '../fixtures/objects.ts';

const api = apiClient(inject('apiUrl'));
const awsEndpoint = inject('awsEndpoint');
const run = randomUUID().slice(0, 8);
const museum: Caller = { sub: 'registrar-1', org: `museum-inventory-${run}`, role: 'museum' };
const otherMuseum: Caller = { sub: 'registrar-2', org: `museum-other-${run}`, role: 'museum' };
const police: Caller = { sub: 'analyst-1', org: `police-inventory-${run}`, role: 'police' };
const customs: Caller = { sub: 'officer-1', org: `customs-inventory-${run}`, role: 'customs' };
const market: Caller = { sub: 'compliance-1', org: `auction-house-${run}`, role: 'market' };
const publicUser: Caller = { sub: 'visitor-1', org: 'public', role: 'public' };

const queues: { close(): unknown }[] = [];
afterAll(async () => {
  await Promise.all(queues.map((queue) => queue.close()));
});

let inventoryNumber = Number.parseInt(run.slice(0, 5), 16);

/** A Kastoria icon with an inventory number of its own, so that other test files' icons cannot be mistaken for it. */
function icon(extra: Record<string, unknown> = {}) {
  inventoryNumber += 1;
  const number = `ΚΑΣ ${inventoryNumber}`;
  return { number, record: RegisterObject.parse({ ...greekIcon, markings: [{ kind: 'inventory-number', text: number }], ...extra }) };
}

const describing = (number: string) =>
  `Post-Byzantine icon of Saint Nicholas blessing, closed Gospel, gold ground, inscribed Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ; inventory number ${number} painted on the back; about 42 x 31 cm`;

async function expectStatus(reply: Promise<Reply>, status: number): Promise<Reply> {
  const settled = await reply;
  expect(settled.status, JSON.stringify(settled.body)).toBe(status);
  return settled;
}

async function register(record: RegisterObject, as = museum): Promise<string> {
  return (await expectStatus(api.call('POST', '/v1/objects', { as, body: record }), 201)).body.id as string;
}

async function settledSighting(body: Record<string, unknown>, as: Caller = customs) {
  const accepted = await expectStatus(api.call('POST', '/v1/sightings', { as, body }), 202);
  // Matching runs on the stream, behind whatever the rest of the suite gives it to do.
  const read = await until(
    () => api.call('GET', `/v1/sightings/${accepted.body.id}`, { as: police }),
    (reply) => reply.body.status !== 'pending',
    120_000,
    250,
  );
  return { accepted: accepted.body, read: read.body };
}

const matchedIds = (sighting: { matches: { objectId?: string }[] }) => sighting.matches.flatMap((match) => (match.objectId ? [match.objectId] : []));

describe('an inventoried object', () => {
  it('is seen by its own museum only: not by another museum, the police or the public, in reads, listings or searches', async () => {
    // Arrange
    const { number, record } = icon({ status: 'inventoried', incident: undefined });
    const id = await register(record);

    // Act
    const reads = await Promise.all([museum, otherMuseum, police, publicUser].map((as) => api.call('GET', `/v1/objects/${id}`, { as })));
    const listedForPolice = await api.call('GET', '/v1/objects?status=inventoried&limit=100', { as: police });
    const listedForOwner = await api.call('GET', '/v1/objects?status=inventoried&limit=100', { as: museum });
    const searched = await expectStatus(api.call('POST', '/v1/search', { as: police, body: { text: describing(number), lang: 'en', limit: 50 } }), 200);
    const unknownId = randomUUID();
    const unknown = await api.call('GET', `/v1/objects/${unknownId}`, { as: otherMuseum });

    // Assert
    expect(reads.map((reply) => reply.status)).toEqual([200, 404, 404, 404]);
    expect(reads[0]?.body).toMatchObject({ status: 'inventoried', visibility: 'partners' });
    // A hidden record answers exactly as one never registered.
    expect(JSON.stringify(reads[1]?.body).replace(id, '<id>')).toBe(JSON.stringify(unknown.body).replace(unknownId, '<id>'));
    expect(listedForPolice.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    expect(listedForOwner.body.items.map((item: { id: string }) => item.id)).toContain(id);
    expect(searched.body.candidates.map((candidate: { objectId?: string }) => candidate.objectId)).not.toContain(id);
  });

  it('is not matched by a sighting that describes it exactly; once stolen, that earlier sighting matches it and alerts its museum', async () => {
    // Arrange
    const queue = await partnerQueue(awsEndpoint, `inventory-owner-${run}`);
    queues.push(queue);
    const objectType = `icon inventory ${run}`;
    const { number, record } = icon({ status: 'inventoried', incident: undefined, objectType });
    const id = await register(record);
    await expectStatus(
      api.call('POST', '/v1/subscriptions', { as: museum, body: { name: 'Our objects seen', delivery: { type: 'sqs', queueArn: queue.arn }, filter: { events: ['match'], objectTypes: [objectType] } } }),
      201,
    );
    const { accepted, read: before } = await settledSighting({ channel: 'customs', lang: 'en', text: describing(number), seenAt: { date: '2026-11-29', country: 'AL' } });

    // Act
    const stolen = await expectStatus(
      api.call('POST', `/v1/objects/${id}/status`, {
        as: museum,
        body: { status: 'stolen', note: 'Found missing at the morning check', incident: { country: 'GR', date: '2026-11-29', place: 'Kastoria', circumstances: 'Church broken into at night' } },
      }),
      200,
    );
    const after = await until(
      () => api.call('GET', `/v1/sightings/${accepted.id}`, { as: police }),
      (reply) => matchedIds(reply.body).includes(id),
      120_000,
      250,
    );
    const alerts = await queue.until((messages) => messages.some((message) => message.body.object?.id === id));

    // Assert
    expect(matchedIds(before)).not.toContain(id);
    expect(stolen.body).toMatchObject({ status: 'stolen', incident: { country: 'GR' } });
    expect(matchedIds(after.body)).toContain(id);
    expect(alerts.find((message) => message.body.object?.id === id)?.body).toMatchObject({ event: 'match', match: { sighting: { id: accepted.id } } });
  });
});

describe('a law-enforcement record', () => {
  it('shows a market search only a contact-the-police notice, and a police search the record in full', async () => {
    // Arrange
    const { number, record } = icon({ visibility: 'law-enforcement' satisfies Visibility });
    const id = await register(record);
    const search = { text: describing(number), lang: 'en', limit: 50 };

    // Act
    const byMarket = await until(
      () => api.call('POST', '/v1/search', { as: market, body: search }),
      (reply) => reply.body.candidates?.some((candidate: { restricted?: boolean }) => candidate.restricted),
    );
    const byPolice = await expectStatus(api.call('POST', '/v1/search', { as: police, body: search }), 200);
    const readByMarket = await api.call('GET', `/v1/objects/${id}`, { as: market });

    // Assert
    const restricted = byMarket.body.candidates.filter((candidate: { restricted?: boolean }) => candidate.restricted);
    expect(restricted).toEqual([{ restricted: true, notice: 'A registered object may match: contact the police', reference: expect.any(String) }]);
    expect(JSON.stringify(byMarket.body)).not.toContain(id);
    expect(JSON.stringify(byMarket.body)).not.toContain(number);
    expect(byPolice.body.candidates.find((candidate: { objectId?: string }) => candidate.objectId === id)).toMatchObject({ object: { visibility: 'law-enforcement' } });
    expect(readByMarket.status).toBe(404);
  });

  it('keeps a market search that matches it as a sighting, alerts the owning museum and the police once, and tells the market nothing more', async () => {
    // Arrange
    const objectType = `icon hidden ${run}`;
    const [ownerQueue, policeQueue] = await Promise.all([partnerQueue(awsEndpoint, `hidden-owner-${run}`), partnerQueue(awsEndpoint, `hidden-police-${run}`)]);
    queues.push(ownerQueue, policeQueue);
    const filter = { events: ['match'], objectTypes: [objectType] };
    await expectStatus(api.call('POST', '/v1/subscriptions', { as: museum, body: { name: 'Ours', delivery: { type: 'sqs', queueArn: ownerQueue.arn }, filter } }), 201);
    await expectStatus(api.call('POST', '/v1/subscriptions', { as: police, body: { name: 'All', delivery: { type: 'sqs', queueArn: policeQueue.arn }, filter } }), 201);
    const { number, record } = icon({ visibility: 'law-enforcement' satisfies Visibility, objectType });
    const id = await register(record);
    const search = { text: describing(number), lang: 'en', limit: 50 };

    // Act
    const first = await until(
      () => api.call('POST', '/v1/search', { as: market, body: search }),
      (reply) => reply.body.candidates?.some((candidate: { restricted?: boolean }) => candidate.restricted),
    );
    const again = await expectStatus(api.call('POST', '/v1/search', { as: market, body: search }), 200);
    const reference = first.body.candidates.find((candidate: { restricted?: boolean }) => candidate.restricted).reference as string;
    // Other test files search for look-alike icons at the same time, and may raise alerts of their own about this one.
    const fromThisSearch = (message: { body: { object?: { id: string }; match?: { sighting: { id: string } } } }) =>
      message.body.object?.id === id && message.body.match?.sighting.id === reference;
    await ownerQueue.until((messages) => messages.some(fromThisSearch));
    await policeQueue.until((messages) => messages.some(fromThisSearch));
    await Promise.all([ownerQueue.drain(3000), policeQueue.drain(3000)]);
    const kept = await expectStatus(api.call('GET', `/v1/sightings/${reference}`, { as: market }), 200);
    const keptForPolice = await expectStatus(api.call('GET', `/v1/sightings/${reference}`, { as: police }), 200);

    // Assert
    expect(again.body.candidates.find((candidate: { restricted?: boolean }) => candidate.restricted).reference).toBe(reference);
    expect(ownerQueue.received.filter(fromThisSearch).map((message) => message.body)).toEqual([
      expect.objectContaining({ event: 'match', match: expect.objectContaining({ sighting: expect.objectContaining({ id: reference, channel: 'search' }) }) }),
    ]);
    expect(policeQueue.received.filter(fromThisSearch)).toHaveLength(1);
    expect(kept.body).toMatchObject({ channel: 'search', status: 'matched', matches: [{ restricted: true, notice: 'A registered object may match: contact the police' }] });
    expect(JSON.stringify(kept.body)).not.toContain(id);
    expect(keptForPolice.body.matches.map((match: { objectId?: string }) => match.objectId)).toContain(id);
  });
});

describe('status changes', () => {
  it('answer 409 with the allowed statuses for a change the table does not allow, and keep the history of the rest', async () => {
    // Arrange
    const id = await register(icon().record);

    // Act
    const invalid = await api.call('POST', `/v1/objects/${id}/status`, { as: museum, body: { status: 'inventoried' } });
    const disputedWithoutNote = await api.call('POST', `/v1/objects/${id}/status`, { as: museum, body: { status: 'disputed' } });
    await expectStatus(api.call('POST', `/v1/objects/${id}/status`, { as: museum, body: { status: 'found-unresolved', note: 'Seized in Thessaloniki; the holder claims good faith' } }), 200);
    const disputed = await expectStatus(api.call('POST', `/v1/objects/${id}/status`, { as: museum, body: { status: 'disputed', note: 'Claimed by a collector in Munich' } }), 200);
    const history = await expectStatus(api.call('GET', `/v1/objects/${id}/history`, { as: museum }), 200);
    const seenByMarket = await expectStatus(api.call('GET', `/v1/objects/${id}`, { as: market }), 200);

    // Assert
    expect(invalid.status).toBe(409);
    expect(invalid.body.error.fields).toEqual([{ path: 'status', reason: 'cannot go from stolen to inventoried; allowed: missing, looted, found-unresolved, disputed, recovered, returned' }]);
    expect(disputedWithoutNote.status).toBe(400);
    expect(disputedWithoutNote.body.error.fields).toEqual([expect.objectContaining({ path: 'note' })]);
    expect(disputed.body.status).toBe('disputed');
    expect(history.body.items.map((entry: { change: string; to?: string; note?: string; by: { sub?: string } }) => [entry.change, entry.to, entry.note, entry.by.sub])).toEqual([
      ['registered', 'stolen', undefined, 'registrar-1'],
      ['status-changed', 'found-unresolved', 'Seized in Thessaloniki; the holder claims good faith', 'registrar-1'],
      ['status-changed', 'disputed', 'Claimed by a collector in Munich', 'registrar-1'],
    ]);
    expect(seenByMarket.body.notice).toBe('Its ownership is disputed: Claimed by a collector in Munich');
  });
});

describe('Red Lists', () => {
  it('serves the categories in the four console languages', async () => {
    // Act
    const reply = await expectStatus(api.call('GET', '/v1/red-lists', { as: publicUser }), 200);

    // Assert
    const iraq = reply.body.items.find((item: { id: string }) => item.id === 'iraq-antiquities');
    expect(Object.keys(iraq.title).sort()).toEqual(['ar', 'en', 'es', 'fr']);
    expect(iraq.countries).toContain('IQ');
  });

  it('flag a customs sighting of a cuneiform tablet from Iraq that matches nothing registered, and alert the subscriber of that list', async () => {
    // Arrange
    const queue = await partnerQueue(awsEndpoint, `red-list-iraq-${run}`);
    queues.push(queue);
    await expectStatus(
      api.call('POST', '/v1/subscriptions', {
        as: police,
        body: { name: 'Iraqi antiquities', delivery: { type: 'sqs', queueArn: queue.arn }, filter: { events: ['category-match'], redLists: ['iraq-antiquities'] } },
      }),
      201,
    );

    // Act
    const { accepted, read } = await settledSighting({ channel: 'customs', lang: 'en', text: 'clay tablet with cuneiform signs, 8 cm, from Iraq', seenAt: { date: '2026-11-29', country: 'BG', place: 'Kapitan Andreevo' } });
    const messages = await queue.until((received) => received.some((message) => message.body.category?.sighting.id === accepted.id));

    // Assert
    expect(accepted.redLists).toEqual([expect.objectContaining({ id: 'iraq-antiquities', why: expect.stringContaining('Iraq') })]);
    expect(read.redLists).toEqual(accepted.redLists);
    expect(read.matches).toEqual([]);
    expect(messages.find((message) => message.body.category?.sighting.id === accepted.id)?.body).toMatchObject({
      event: 'category-match',
      category: { redList: { id: 'iraq-antiquities' }, sighting: { seenAt: { country: 'BG' } } },
    });
  });

  it('refuse category-match alerts to a museum, naming the field', async () => {
    // Act
    const reply = await api.call('POST', '/v1/subscriptions', { as: museum, body: { name: 'x', delivery: { type: 'feed' }, filter: { events: ['category-match'] } } });

    // Assert
    expect(reply.status).toBe(403);
    expect(reply.body.error.message).toContain('filter.events');
  });
});
