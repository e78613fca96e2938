// Every route x every role x own or another organisation's record, against the local stack: the status the
// permission table (infra/permissions.ts) promises, and no restricted value in a response that may not carry it.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { inventoryReaders, permissions, restrictedFieldReaders, visibilityReaders, type Grant } from '../../infra/permissions.ts';
import { routes, type FunctionName, type RouteKeyOf } from '../../infra/wiring.ts';
import { operatorsOrg, Role, type Caller } from '../../schemas/identity.ts';
import { RegisterObject, Visibility } from '../../schemas/object-id.ts';
import { apiClient, type Reply } from '../support/api.ts';
import { until } from '../support/until.ts';
import { greekIcon } from '../fixtures/objects.ts';

const api = apiClient(inject('apiUrl'));
const run = randomUUID().slice(0, 8);
type Side = 'own' | 'other';
// Admins belong to the operators; every other role's organisation is registered by its first dev token.
const orgOf = (role: Role, side: Side) => (role === 'admin' && side === 'own' ? operatorsOrg : `perm-${role}-${side}-${run}`);
// One person per route and role: the rate limits (a public caller's 30 a minute) count per person.
const callerOf = (role: Role, route = 'any'): Caller => ({ sub: `${role}-user ${route}`, org: orgOf(role, 'own'), role });
// Records are made by a museum token of the organisation that is to own them (an admin's for the operators).
const makerFor = (org: string): Caller => ({ sub: `maker@${org}`, org, role: org === operatorsOrg ? 'admin' : 'museum' });
const admin = callerOf('admin');
// Each wait for a match polls as an analyst of its own, within the rate limits.
const investigator = (): Caller => ({ sub: `analyst-${randomUUID()}`, org: `perm-investigator-${run}`, role: 'police' });

// Restricted values name the organisation whose record they belong to, so a leak says whose it was.
const secretPattern = /(?:PR|NOTE|REVIEW)-SECRET (perm-[a-z]+-(?:own|other)-[0-9a-f]{8})|secret\.(perm-[a-z]+-(?:own|other)-[0-9a-f]{8})@example\.org/g;
// Inventory numbers of this run: digits only, as museums' registers write them.
let inventory = Number.parseInt(run.slice(0, 5), 16) * 100;

async function ok(reply: Promise<Reply>, status: number): Promise<Reply> {
  const settled = await reply;
  expect(settled.status, JSON.stringify(settled.body)).toBe(status);
  return settled;
}

/** How an object route's record is kept: shown by its visibility, or inventoried (its own organisation's only). */
type Kept = Visibility | 'inventoried';
const kinds: Kept[] = [...Visibility.options, 'inventoried'];
const readersOf = (kept: Kept): Grant => (kept === 'inventoried' ? inventoryReaders : visibilityReaders[kept]);

interface MadeObject {
  id: string;
  number: string;
  version: number;
}

/**
 * An object of `org` carrying restricted values, with a status change whose note is restricted too; an inventoried
 * one is registered so, with no incident yet.
 */
async function objectOf(org: string, kept: Kept = 'partners'): Promise<MadeObject> {
  inventory += 1;
  const number = `ΚΑΣ ${inventory}`;
  const { incident: _incident, ...description } = RegisterObject.parse({
    ...greekIcon,
    markings: [{ kind: 'inventory-number', text: number }],
    policeReference: `PR-SECRET ${org}`,
    contact: { name: 'Registrar', email: `secret.${org}@example.org` },
  });
  const record = kept === 'inventoried' ? { ...description, status: 'inventoried' } : { ...description, incident: greekIcon.incident, visibility: kept };
  const created = await ok(api.call('POST', '/v1/objects', { as: makerFor(org), body: record }), 201);
  if (kept === 'inventoried') return { id: created.body.id as string, number, version: 1 };
  await ok(api.call('POST', `/v1/objects/${created.body.id}/status`, { as: makerFor(org), body: { status: 'missing', note: `NOTE-SECRET ${org}` } }), 200);
  return { id: created.body.id as string, number, version: 2 };
}

/** A sighting reported by `reporterOrg` of the object, and the match it raised. */
async function sightingOf(reporterOrg: string, object: { id: string; number: string }) {
  const accepted = await ok(
    api.call('POST', '/v1/sightings', {
      as: makerFor(reporterOrg),
      body: { channel: 'customs', lang: 'en', text: `Post-Byzantine icon of Saint Nicholas blessing, on a gold ground, inscribed Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ; inventory number ${object.number} on the back; 42 x 31 cm`, seenAt: { date: '2026-11-20', country: 'AL' } },
    }),
    202,
  );
  const analyst = investigator();
  // Matching runs on the stream; under the whole suite's load (a 10,000-row import among it) it may take a while.
  const read = await until(
    () => api.call('GET', `/v1/sightings/${accepted.body.id}`, { as: analyst }),
    (reply) => reply.body.status !== 'pending',
    120_000,
    250,
  );
  const match = (read.body.matches as { id: string; objectId: string }[]).find((candidate) => candidate.objectId === object.id);
  if (!match) throw new Error(`the sighting did not match object ${object.id}: ${JSON.stringify(read.body)}`);
  return { sightingId: accepted.body.id as string, matchId: match.id };
}

async function subscriptionOf(org: string): Promise<string> {
  const created = await ok(
    api.call('POST', '/v1/subscriptions', { as: org === operatorsOrg ? makerFor(org) : { ...makerFor(org), role: 'police' }, body: { name: 'Feed', delivery: { type: 'feed' }, filter: { events: ['new-object'] } } }),
    201,
  );
  return created.body.id as string;
}

// A feed nothing listens on: its runs fail, which is all these cases need; read once a day, so no schedule fires here.
const feedBody = { name: 'Sales', url: 'http://127.0.0.1:9/lots.xml', format: 'rss', schedule: 'rate(1 day)', country: 'GR' };
async function feedOf(org: string): Promise<string> {
  const created = await ok(api.call('POST', '/v1/feeds', { as: org === operatorsOrg ? makerFor(org) : { ...makerFor(org), role: 'market' }, body: feedBody }), 201);
  return created.body.id as string;
}
// Routes that only read or run a feed share one per organisation.
const sharedFeeds = new Map<string, Promise<string>>();
function sharedFeedOf(org: string): Promise<string> {
  const feed = sharedFeeds.get(org) ?? feedOf(org);
  sharedFeeds.set(org, feed);
  return feed;
}

/** A museum organisation registered by an admin, for a route that changes one. */
async function throwawayOrg(): Promise<string> {
  const created = await ok(api.call('POST', '/v1/orgs', { as: admin, body: { name: `Throwaway ${randomUUID()}`, kind: 'museum', country: 'GR' } }), 201);
  return created.body.id as string;
}

interface RouteCase {
  /**
   * Sends the route's request as `as`; `owner` is the organisation whose record it touches (none for routes without
   * one), `kept` how an object it touches is kept.
   */
  send(as: Caller, owner: string | undefined, kept: Kept): Promise<Reply>;
  /** The status of an allowed request. */
  success: number;
  /** The route touches a record of one organisation, so own and other are both tried. */
  owned?: boolean;
  /** Another organisation's record is not shown to exist: 404 rather than 403. */
  hiddenFromOthers?: boolean;
  /** The route touches an object: each way of keeping it is tried, and one the caller may not read answers 404. */
  keptEachWay?: boolean;
}

const reviewedObjects = new Map<string, MadeObject>();
const reviewedSightings = new Map<string, string>();
// Routes that only read an object share one per organisation and way of keeping it.
const sharedObjects = new Map<string, Promise<MadeObject>>();
function objectFor(owner: string, kept: Kept): Promise<MadeObject> {
  const reviewed = kept === 'partners' ? reviewedObjects.get(owner) : undefined;
  if (reviewed) return Promise.resolve(reviewed);
  const key = `${owner}/${kept}`;
  const shared = sharedObjects.get(key) ?? objectOf(owner, kept);
  sharedObjects.set(key, shared);
  return shared;
}
const objectRoute = (send: (as: Caller, owner: string, kept: Kept) => Promise<Reply>, success: number): RouteCase => ({
  send: (as, owner, kept) => send(as, owner ?? '', kept),
  success,
  owned: true,
  keptEachWay: true,
});

type RouteKey = RouteKeyOf<FunctionName>;

/** A search made by a member of `org`: only that organisation may certify it. */
async function searchOf(org: string): Promise<string> {
  const searched = await ok(api.call('POST', '/v1/search', { as: makerFor(org), body: { text: 'A gilded icon of Saint Nicholas offered for sale', lang: 'en' } }), 200);
  return searched.body.searchId as string;
}
// Routes that only read or verify a certificate share one per organisation.
const certificates = new Map<string, Promise<string>>();
function certificateOf(org: string): Promise<string> {
  const issued =
    certificates.get(org) ??
    searchOf(org).then(async (searchId) => (await ok(api.call('POST', '/v1/certificates', { as: makerFor(org), body: { searchId } }), 201)).body.id as string);
  certificates.set(org, issued);
  return issued;
}

const cases: Record<RouteKey, RouteCase> = {
  'POST /v1/objects': {
    send: (as) => api.call('POST', '/v1/objects', { as, body: RegisterObject.parse({ ...greekIcon, policeReference: `PR-SECRET ${as.org}` }) }),
    success: 201,
  },
  'POST /v1/imports': {
    send: (as) => {
      inventory += 1;
      const record = RegisterObject.parse({ ...greekIcon, markings: [{ kind: 'inventory-number', text: `ΚΑΣ ${inventory}` }], policeReference: `PR-SECRET ${as.org}` });
      return api.call('POST', '/v1/imports', { as, body: { rows: [{ row: 1, record }] } });
    },
    success: 200,
  },
  'GET /v1/objects': { send: (as) => api.call('GET', '/v1/objects?limit=100', { as }), success: 200 },
  'GET /v1/objects/{id}': objectRoute(async (as, owner, kept) => api.call('GET', `/v1/objects/${(await objectFor(owner, kept)).id}`, { as }), 200),
  'PATCH /v1/objects/{id}': objectRoute(async (as, owner, kept) => {
    const object = await objectOf(owner, kept);
    return api.call('PATCH', `/v1/objects/${object.id}`, { as, headers: { 'if-match': `"${object.version}"` }, body: { title: 'Saint Nicholas (renamed)' } });
  }, 200),
  // Stolen, with the incident, is a change every way of keeping the object allows (a missing object turns out stolen; an
  // inventoried one is lost).
  'POST /v1/objects/{id}/status': objectRoute(
    async (as, owner, kept) =>
      api.call('POST', `/v1/objects/${(await objectOf(owner, kept)).id}/status`, { as, body: { status: 'stolen', note: `NOTE-SECRET ${owner}`, incident: greekIcon.incident } }),
    200,
  ),
  'GET /v1/objects/{id}/history': objectRoute(async (as, owner, kept) => api.call('GET', `/v1/objects/${(await objectFor(owner, kept)).id}/history`, { as }), 200),
  'POST /v1/objects/{id}/images': objectRoute(
    async (as, owner, kept) => api.call('POST', `/v1/objects/${(await objectFor(owner, kept)).id}/images`, { as, body: { contentType: 'image/jpeg' } }),
    201,
  ),
  'POST /v1/uploads': { send: (as) => api.call('POST', '/v1/uploads', { as, body: { contentType: 'image/jpeg' } }), success: 201 },
  'POST /v1/search': {
    send: (as) => api.call('POST', '/v1/search', { as, body: { text: 'Post-Byzantine icon of Saint Nicholas blessing, on a gold ground, inscribed Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ', lang: 'en', limit: 50 } }),
    success: 200,
  },
  'POST /v1/sightings': {
    send: (as) => api.call('POST', '/v1/sightings', { as, body: { channel: 'police', lang: 'en', text: 'A gilded icon offered at a flea market', seenAt: { date: '2026-11-20', country: 'GR' } } }),
    success: 202,
  },
  'GET /v1/sightings/{id}': { send: (as, owner) => api.call('GET', `/v1/sightings/${reviewedSightings.get(owner ?? '')}`, { as }), success: 200, owned: true },
  'POST /v1/matches/{id}/review': {
    send: async (as, owner) => {
      const { matchId } = await sightingOf(investigator().org, await objectOf(owner ?? ''));
      return api.call('POST', `/v1/matches/${matchId}/review`, { as, body: { verdict: 'rejected', note: `REVIEW-SECRET ${owner}` } });
    },
    success: 200,
    owned: true,
  },
  // A partners object of each organisation has a reviewed match, whose reviewer note is restricted.
  'GET /v1/objects/{id}/matches': objectRoute(async (as, owner, kept) => api.call('GET', `/v1/objects/${(await objectFor(owner, kept)).id}/matches`, { as }), 200),
  // The objects made here have no photo yet: an allowed caller learns that with 404.
  'GET /v1/objects/{id}/thumbnail': objectRoute(async (as, owner, kept) => api.call('GET', `/v1/objects/${(await objectFor(owner, kept)).id}/thumbnail`, { as }), 404),
  'POST /v1/subscriptions': {
    send: (as) => api.call('POST', '/v1/subscriptions', { as, body: { name: 'Mine', delivery: { type: 'feed' }, filter: { events: ['new-object', 'status-change'] } } }),
    success: 201,
  },
  'GET /v1/subscriptions': { send: (as) => api.call('GET', '/v1/subscriptions', { as }), success: 200 },
  'GET /v1/subscriptions/{id}': {
    send: async (as, owner) => api.call('GET', `/v1/subscriptions/${await subscriptionOf(owner ?? '')}`, { as }),
    success: 200,
    owned: true,
    hiddenFromOthers: true,
  },
  'PATCH /v1/subscriptions/{id}': {
    send: async (as, owner) => api.call('PATCH', `/v1/subscriptions/${await subscriptionOf(owner ?? '')}`, { as, headers: { 'if-match': '"1"' }, body: { name: 'Renamed' } }),
    success: 200,
    owned: true,
    hiddenFromOthers: true,
  },
  'DELETE /v1/subscriptions/{id}': {
    send: async (as, owner) => api.call('DELETE', `/v1/subscriptions/${await subscriptionOf(owner ?? '')}`, { as }),
    success: 204,
    owned: true,
    hiddenFromOthers: true,
  },
  'GET /v1/alerts': { send: (as) => api.call('GET', '/v1/alerts', { as }), success: 200 },
  'GET /v1/admin/dead-letters': { send: (as) => api.call('GET', '/v1/admin/dead-letters', { as }), success: 200 },
  // Only this test's own subscription: other test files are parking and redriving alerts at the same time.
  'POST /v1/admin/dead-letters/redrive': {
    send: async (as) => api.call('POST', '/v1/admin/dead-letters/redrive', { as, body: { subscriptionId: await subscriptionOf(as.org) } }),
    success: 200,
  },
  'GET /v1/audit': objectRoute(async (as, owner, kept) => api.call('GET', `/v1/audit?objectId=${(await objectFor(owner, kept)).id}`, { as }), 200),
  'POST /v1/orgs': { send: (as) => api.call('POST', '/v1/orgs', { as, body: { name: `Museum ${randomUUID()}`, kind: 'museum', country: 'GR' } }), success: 201 },
  'GET /v1/orgs': { send: (as) => api.call('GET', '/v1/orgs', { as }), success: 200 },
  'GET /v1/orgs/{id}': { send: (as) => api.call('GET', `/v1/orgs/${orgOf('museum', 'own')}`, { as }), success: 200 },
  'POST /v1/orgs/{id}/status': { send: async (as) => api.call('POST', `/v1/orgs/${await throwawayOrg()}/status`, { as, body: { status: 'active' } }), success: 200 },
  'POST /v1/orgs/{id}/members': {
    send: async (as) => api.call('POST', `/v1/orgs/${await throwawayOrg()}/members`, { as, body: { email: `registrar-${randomUUID()}@example.org`, role: 'museum' } }),
    success: 201,
  },
  'GET /v1/orgs/{id}/members': { send: (as) => api.call('GET', `/v1/orgs/${orgOf('museum', 'own')}/members`, { as }), success: 200 },
  'GET /v1/red-lists': { send: (as) => api.call('GET', '/v1/red-lists', { as }), success: 200 },
  'POST /v1/certificates': {
    send: async (as, owner) => api.call('POST', '/v1/certificates', { as, body: { searchId: await searchOf(owner ?? '') } }),
    success: 201,
    owned: true,
    hiddenFromOthers: true,
  },
  'GET /v1/certificates/{id}': { send: async (as, owner) => api.call('GET', `/v1/certificates/${await certificateOf(owner ?? '')}`, { as }), success: 200, owned: true, hiddenFromOthers: true },
  'GET /v1/certificates/{id}/pdf': { send: async (as, owner) => api.call('GET', `/v1/certificates/${await certificateOf(owner ?? '')}/pdf`, { as }), success: 200, owned: true, hiddenFromOthers: true },
  // Public routes: the token is sent, and changes nothing.
  'GET /v1/certificates/public-key': { send: (as) => api.call('GET', '/v1/certificates/public-key', { as }), success: 200 },
  'GET /v1/certificates/{id}/verify': { send: async (as) => api.call('GET', `/v1/certificates/${await certificateOf(orgOf('market', 'own'))}/verify`, { as }), success: 200 },
  'POST /v1/certificates/verify': {
    send: async (as) => {
      const owner = orgOf('market', 'own');
      const certificate = await ok(api.call('GET', `/v1/certificates/${await certificateOf(owner)}`, { as: makerFor(owner) }), 200);
      return api.call('POST', '/v1/certificates/verify', { as, body: certificate.body });
    },
    success: 200,
  },
  'GET /v1/openapi.json': { send: (as) => api.call('GET', '/v1/openapi.json', { as }), success: 200 },
  'POST /v1/feeds': { send: (as) => api.call('POST', '/v1/feeds', { as, body: feedBody }), success: 201 },
  'GET /v1/feeds': { send: (as) => api.call('GET', '/v1/feeds', { as }), success: 200 },
  'GET /v1/feeds/{id}': { send: async (as, owner) => api.call('GET', `/v1/feeds/${await sharedFeedOf(owner ?? '')}`, { as }), success: 200, owned: true, hiddenFromOthers: true },
  'PATCH /v1/feeds/{id}': {
    send: async (as, owner) => api.call('PATCH', `/v1/feeds/${await feedOf(owner ?? '')}`, { as, headers: { 'if-match': '"1"' }, body: { name: 'Renamed' } }),
    success: 200,
    owned: true,
    hiddenFromOthers: true,
  },
  'DELETE /v1/feeds/{id}': { send: async (as, owner) => api.call('DELETE', `/v1/feeds/${await feedOf(owner ?? '')}`, { as }), success: 204, owned: true, hiddenFromOthers: true },
  'POST /v1/feeds/{id}/runs': { send: async (as, owner) => api.call('POST', `/v1/feeds/${await sharedFeedOf(owner ?? '')}/runs`, { as }), success: 202, owned: true, hiddenFromOthers: true },
  // Every organisation's objects here are lost in Greece: the list carries them, never their restricted values.
  'GET /v1/watch-lists': { send: (as) => api.call('GET', '/v1/watch-lists?countries=GR&limit=100', { as }), success: 200 },
};

// Read from the table's data, not from the code that enforces it, so that a fault there shows here.
const grantedTo = (grant: Grant, as: Caller, owner: string) => grant[as.role] === 'any' || (grant[as.role] === 'own' && owner === as.org);

function expectedStatus(route: (typeof routes)[number], routeCase: RouteCase, as: Caller, owner: string | undefined, kept: Kept | undefined): number {
  const grant = permissions[route.action];
  if (!grant[as.role]) return 403;
  if (owner !== undefined && kept !== undefined && !grantedTo(readersOf(kept), as, owner)) return 404;
  if (owner === undefined || grantedTo(grant, as, owner)) return routeCase.success;
  return routeCase.hiddenFromOthers ? 404 : 403;
}

/** The organisations whose restricted values a response carries. */
function leakedOwners(body: unknown): string[] {
  const text = JSON.stringify(body ?? '');
  return [...text.matchAll(secretPattern)].map((found) => found[1] ?? found[2] ?? '');
}

describe('the permission table, route by route', () => {
  beforeAll(async () => {
    // Each organisation that may own a record gets an object with a reviewed match, seen by a sighting it reported.
    const owners = Role.options.flatMap((role) => [orgOf(role, 'own'), orgOf(role, 'other')]);
    await Promise.all(
      owners.map(async (owner) => {
        const object = await objectOf(owner);
        reviewedObjects.set(owner, object);
        const { sightingId, matchId } = await sightingOf(owner, object);
        await ok(api.call('POST', `/v1/matches/${matchId}/review`, { as: makerFor(owner), body: { verdict: 'rejected', note: `REVIEW-SECRET ${owner}` } }), 200);
        reviewedSightings.set(owner, sightingId);
      }),
    );
  }, 240_000);

  for (const route of routes) {
    const key = `${route.method} ${route.path}` as RouteKey;
    const routeCase = cases[key];
    it(`${key}: answers each role as infra/permissions.ts says, and shows restricted values only to their readers`, async () => {
      // Arrange
      const tries = Role.options.flatMap((role) =>
        (routeCase.owned ? (['own', 'other'] as const) : (['own'] as const)).flatMap((side) =>
          (routeCase.keptEachWay ? kinds : [undefined]).map((kept) => {
            const as = callerOf(role, key);
            return { as, owner: routeCase.owned ? orgOf(role, side) : undefined, side, kept };
          }),
        ),
      );

      // Act
      const outcomes = await Promise.all(
        tries.map(async ({ as, owner, side, kept }) => {
          const reply = await routeCase.send(as, owner, kept ?? 'partners');
          const name = `${as.role}/${side}${kept ? `/${kept}` : ''}`;
          return { name, status: reply.status, expected: expectedStatus(route, routeCase, as, owner, kept), leaks: leakedOwners(reply.body).filter((org) => !grantedTo(restrictedFieldReaders, as, org)) };
        }),
      );

      // Assert
      expect(outcomes.map(({ name, status }) => `${name} ${status}`)).toEqual(outcomes.map(({ name, expected }) => `${name} ${expected}`));
      expect(outcomes.filter((outcome) => outcome.leaks.length > 0)).toEqual([]);
    }, 240_000);
  }
});
