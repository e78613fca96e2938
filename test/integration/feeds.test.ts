// Market screening end to end on the local stack: feeds through the API, runs started by hand, lots queued and made
// into auction sightings with their images, matched on the stream and alerted; repeated, changed and broken feeds.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { operatorsOrg, type Caller } from '../../schemas/identity.ts';
import { RegisterObject } from '../../schemas/object-id.ts';
import { apiClient, postToPresignedUpload, waitForImage, type Reply } from '../support/api.ts';
import { feedServer, type ServedLot } from '../support/feed-server.ts';
import { until } from '../support/until.ts';
import { malianTerracotta } from '../fixtures/objects.ts';
import { fieldPhoto, registeredPhoto, syntheticObjects } from '../fixtures/photo-corpus.ts';
import { textObjects } from '../fixtures/text-reports.ts';

const api = apiClient(inject('apiUrl'));
const run = randomUUID().slice(0, 8);
const museum: Caller = { sub: 'registrar-1', org: `museum-feeds-${run}`, role: 'museum' };
const market: Caller = { sub: 'monitor-1', org: `auction-watch-feeds-${run}`, role: 'market' };
const otherMarket: Caller = { sub: 'monitor-2', org: `other-watch-feeds-${run}`, role: 'market' };
// Waiting for runs reads as an admin (any feed, no per-minute limit), so the market partner's 120 requests a minute go to the test.
const operator: Caller = { sub: 'operator-1', org: operatorsOrg, role: 'admin' };
const serial = Number.parseInt(run.slice(0, 6), 16) % 900_000;

let server: Awaited<ReturnType<typeof feedServer>>;
beforeAll(async () => {
  server = await feedServer();
});
afterAll(async () => {
  await server?.close();
});

async function createFeed(url: string, as: Caller = market, extra: Record<string, unknown> = {}) {
  const reply = await api.call('POST', '/v1/feeds', { as, body: { name: `Sale ${run}`, url, format: 'rss', schedule: 'rate(1 day)', country: 'FR', ...extra } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.id as string;
}

/** Starts a run by hand and waits until it is over and every sighting it wrote has been matched. */
async function runToTheEnd(feedId: string, as: Caller = market) {
  const started = await api.call('POST', `/v1/feeds/${feedId}/runs`, { as });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const runId = started.body.runId as string;
  const read = await until(
    () => api.call('GET', `/v1/feeds/${feedId}`, { as: operator }),
    (reply: Reply) => {
      const found = (reply.body.runs ?? []).find((candidate: { id: string }) => candidate.id === runId);
      return Boolean(found && found.status !== 'running' && found.pendingMatching === 0);
    },
    180_000,
    500,
  );
  return { feed: read.body, run: read.body.runs.find((candidate: { id: string }) => candidate.id === runId) };
}

// Lots nobody registered: household and design pieces of the last century, unlike any object in the registry.
const makers = ['Danish', 'Italian', 'Swedish', 'French', 'German', 'American'];
const things = ['teak sideboard with four drawers', 'chrome desk lamp with adjustable arm', 'set of six champagne coupes', 'rosewood lounge chair', 'enamel advertising sign for motor oil', 'folding camera with bellows', 'stainless steel wristwatch with date window', 'glass pendant light'];
const filler = (n: number): ServedLot => ({
  path: `/lots/${n}`,
  title: `Lot ${n}: ${makers[n % makers.length]} ${things[n % things.length]}`,
  description: `Manufactured in ${1950 + (n % 30)}, in working order, light wear consistent with use. Collection of a design enthusiast, Lyon.`,
  saleDate: '2026-12-05',
});

describe('an auction feed screened against the registry', () => {
  const [subject, ...strangers] = syntheticObjects(4, 9191, 0, `feed-photo-${run}`);
  const russianIcon = textObjects.find((object) => object.id === 'icon-nicholas-russia');
  let photoObjectId: string;
  let textObjectId: string;
  let feedId: string;
  const lots: ServedLot[] = [];

  beforeAll(async () => {
    // Arrange: two registered objects of the museum, one with a photo, one described in Russian.
    const photoRecord = RegisterObject.parse({ ...malianTerracotta, markings: [{ kind: 'inventory-number', text: `ML ${100_000 + serial}` }] });
    photoObjectId = (await api.call('POST', '/v1/objects', { as: museum, body: photoRecord })).body.id;
    const grant = await api.call('POST', `/v1/objects/${photoObjectId}/images`, { as: museum, body: { contentType: 'image/jpeg' } });
    await postToPresignedUpload(grant.body, await registeredPhoto(subject!), 'image/jpeg');
    expect((await waitForImage(api, museum, photoObjectId, grant.body.imageId)).status).toBe('ready');
    const { id: _id, country: _country, ...iconRecord } = russianIcon!;
    const registered = await api.call('POST', '/v1/objects', { as: museum, body: RegisterObject.parse(iconRecord) });
    expect(registered.status).toBe(201);
    textObjectId = registered.body.id;
    const subscribed = await api.call('POST', '/v1/subscriptions', { as: museum, body: { name: 'Our objects', delivery: { type: 'feed' }, filter: { events: ['match'] } } });
    expect(subscribed.status).toBe(201);

    // The sale: 48 lots nobody registered (three with photos of other objects), the figure's photo, the icon in German.
    for (let n = 1; n <= 50; n++) lots.push(filler(n));
    for (const [i, stranger] of strangers.entries()) {
      server.image(`/img/stranger-${i}.jpg`, await fieldPhoto(stranger, 'crop', i + 1));
      lots[10 + i] = { ...lots[10 + i]!, images: [`/img/stranger-${i}.jpg`] };
    }
    server.image('/img/lot-7.jpg', await fieldPhoto(subject!, 'rotation', 7));
    lots[6] = { path: '/lots/7', title: 'Lot 7: Figure', description: 'Old collection label on the base. Sold as seen.', images: ['/img/lot-7.jpg'], saleDate: '2026-12-05' };
    lots[22] = {
      path: '/lots/23',
      title: 'Lot 23: Russische Ikone',
      description: 'Heiliger Nikolaus der Wundertäter, Halbfigur segnend, Tempera auf Holz mit Kovcheg, ca. 31 x 26 cm, Inventarnummer KP-4471 auf der Rückseite, Farbverlust unten links',
      saleDate: '2026-12-05',
    };
    // This house dates each lot by its sale in pubDate: the mapping says so.
    feedId = await createFeed(server.rss(`/sale-${run}.xml`, 'Forthcoming sale', () => lots), market, { mapping: { saleDate: 'pubDate' } });
  }, 120_000);

  it('makes 50 sightings of 50 lots, 2 of which match registered objects and alert their museum with the lot page and sale date', async () => {
    // Act
    const { run: first } = await runToTheEnd(feedId);
    expect(first).toMatchObject({ status: 'finished', lotsSeen: 50, lotsNew: 50, lotsUnchanged: 0, sightings: 50, matched: 2, pendingMatching: 0, errorCount: 0, errors: [] });
    const alerts = await until(
      () => api.call('GET', `/v1/alerts?limit=100`, { as: museum }),
      (reply: Reply) => reply.body.items.length >= 2,
      60_000,
      500,
    );

    // Assert
    const matchAlerts = alerts.body.items.filter((alert: { event: string }) => alert.event === 'match');
    expect(matchAlerts.map((alert: { object: { id: string } }) => alert.object.id).sort()).toEqual([photoObjectId, textObjectId].sort());
    expect(matchAlerts.map((alert: { match: { sighting: { sourceUrl: string } } }) => alert.match.sighting.sourceUrl).sort()).toEqual([`${server.base}/lots/23`, `${server.base}/lots/7`]);
    for (const alert of matchAlerts) expect(alert.match.sighting).toMatchObject({ channel: 'auction', seenAt: { date: '2026-12-05', country: 'FR' } });
  }, 240_000);

  it('finds nothing new when the feed has not changed, and asks for it conditionally', async () => {
    // Act
    const { run: second } = await runToTheEnd(feedId);

    // Assert
    expect(second).toMatchObject({ status: 'finished', notModified: true, lotsNew: 0, sightings: 0, matched: 0 });
    expect(server.requests.filter((request) => request.path === `/sale-${run}.xml`).at(-1)).toMatchObject({ status: 304 });
  }, 240_000);

  it('makes a sighting of each of 5 new lots and of a lot whose text changed, and none of the others', async () => {
    // Arrange
    for (let n = 51; n <= 55; n++) lots.push(filler(n));
    lots[0] = { ...lots[0]!, description: `${lots[0]!.description} Now with its original key.` };

    // Act
    const { run: third } = await runToTheEnd(feedId);

    // Assert
    expect(third).toMatchObject({ status: 'finished', notModified: false, lotsSeen: 55, lotsNew: 6, lotsUnchanged: 49, sightings: 6, errorCount: 0 });
  }, 240_000);
});

describe('feeds that fail', () => {
  it('shows an HTTP 500 and broken XML as failed runs of failing feeds, and a missing image as an error of its lot alone', async () => {
    // Arrange
    const down = await createFeed(server.answer(`/down-${run}.xml`, { status: 500, body: 'Internal Server Error' }));
    const broken = await createFeed(server.answer(`/broken-${run}.xml`, { status: 200, type: 'application/rss+xml', body: '<rss><channel><item><title>Lot 1</title></channel></rss>' }));
    server.image(`/img/ok-${run}.jpg`, await fieldPhoto(syntheticObjects(1, 77, 0, `ok-${run}`)[0]!, 'crop', 1));
    const partial = await createFeed(
      server.rss(`/partial-${run}.xml`, 'Small sale', () => [
        { path: `/p/${run}/1`, title: 'Lot 1: Danish teak sideboard', images: [`/img/ok-${run}.jpg`] },
        { path: `/p/${run}/2`, title: 'Lot 2: Swedish glass vase', images: [`/img/gone-${run}.jpg`] },
        { path: `/p/${run}/3`, title: 'Lot 3: French chrome lamp' },
      ]),
    );

    // Act
    const [failed, malformed, mixed] = await Promise.all([runToTheEnd(down), runToTheEnd(broken), runToTheEnd(partial)]);

    // Assert
    expect(failed.run).toMatchObject({ status: 'failed', sightings: 0, errors: [{ reason: 'http-status', message: 'the feed answered HTTP 500' }] });
    expect(failed.feed.health).toMatchObject({ status: 'erroring', consecutiveFailures: 1, lastError: { reason: 'http-status' } });
    expect(malformed.run).toMatchObject({ status: 'failed', errors: [{ reason: 'malformed' }] });
    expect(malformed.run.errors[0].message).toMatch(/not well-formed XML/);
    expect(mixed.run).toMatchObject({ status: 'finished', lotsSeen: 3, sightings: 3, errorCount: 1, errors: [{ reason: 'image-failed', lot: `${server.base}/p/${run}/2` }] });
    expect(mixed.run.errors[0].message).toContain('HTTP 404');
    expect(mixed.feed.health).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
  }, 240_000);
});

describe('feeds through the API', () => {
  it('refuses a feed at a private or metadata address, naming the url', async () => {
    // Act
    const privateNetwork = await api.call('POST', '/v1/feeds', { as: market, body: { name: 'x', url: 'http://10.0.0.12/feed.xml', format: 'rss', country: 'FR' } });
    const metadata = await api.call('POST', '/v1/feeds', { as: market, body: { name: 'x', url: 'http://169.254.169.254/latest/meta-data/', format: 'rss', country: 'FR' } });

    // Assert
    for (const reply of [privateNetwork, metadata]) {
      expect(reply.status).toBe(400);
      expect(reply.body.error.message).toMatch(/^Feeds must be at a public address/);
      expect(reply.body.error.fields).toEqual([{ path: 'url', reason: 'names a private, loopback, link-local or metadata address' }]);
    }
  });

  it('answers 400 naming each bad field, keeps feeds to their organisation, edits with If-Match and deletes', async () => {
    // Arrange
    const url = server.rss(`/api-${run}.xml`, 'Sale', () => []);
    const id = await createFeed(url);

    // Act
    const invalid = await api.call('POST', '/v1/feeds', { as: market, body: { name: 'x', url: 'ftp://example.org/feed', format: 'xls', schedule: 'rate(1 minute)' } });
    const listed = await api.call('GET', '/v1/feeds', { as: market });
    const foreign = await api.call('GET', `/v1/feeds/${id}`, { as: otherMarket });
    const museumCall = await api.call('GET', '/v1/feeds', { as: museum });
    const edited = await api.call('PATCH', `/v1/feeds/${id}`, { as: market, headers: { 'if-match': '"1"' }, body: { schedule: 'rate(30 minutes)', enabled: false, mapping: { title: 'dc:title' } } });
    const stale = await api.call('PATCH', `/v1/feeds/${id}`, { as: market, headers: { 'if-match': '"1"' }, body: { name: 'late' } });
    const removed = await api.call('DELETE', `/v1/feeds/${id}`, { as: market });
    const gone = await api.call('GET', `/v1/feeds/${id}`, { as: market });

    // Assert
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields.map((field: { path: string }) => field.path).sort()).toEqual(['country', 'format', 'schedule', 'url']);
    expect(listed.body.items.map((feed: { id: string }) => feed.id)).toContain(id);
    expect(foreign.status).toBe(404);
    expect(museumCall.status).toBe(403);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, schedule: 'rate(30 minutes)', enabled: false, mapping: { title: 'dc:title', url: 'link', items: 'rss.channel.item' } });
    expect(edited.headers.get('etag')).toBe('"2"');
    expect(stale.status).toBe(409);
    expect(removed.status).toBe(204);
    expect(gone.status).toBe(404);
  });
});
