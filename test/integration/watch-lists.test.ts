// The watch list an officer downloads for the field, against the local stack: filtered by country and type, only what
// the caller may read and never a restricted value, refreshed since a download with what left it, a page at a time.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Caller } from '../../schemas/identity.ts';
import { RegisterObject } from '../../schemas/object-id.ts';
import { apiClient, postToPresignedUpload, waitForImage, type Reply } from '../support/api.ts';
import { solid } from '../fixtures/photos.ts';
import { greekIcon } from '../fixtures/objects.ts';

const api = apiClient(inject('apiUrl'));
const run = randomUUID().slice(0, 8);
const museum: Caller = { sub: 'registrar-1', org: `museum-watch-${run}`, role: 'museum' };
const police: Caller = { sub: 'officer-1', org: `police-watch-${run}`, role: 'police' };
const customs: Caller = { sub: 'officer-2', org: `customs-watch-${run}`, role: 'customs' };
const market: Caller = { sub: 'dealer-1', org: `market-watch-${run}`, role: 'market' };
const publicCaller: Caller = { sub: 'visitor-1', org: `public-watch-${run}`, role: 'public' };

interface Entry {
  id: string;
  version: number;
  status: string;
  objectType: string;
  title?: string;
  thumbnail?: { url: string; expiresAt: string };
}
interface Page {
  items: Entry[];
  removed: string[];
  asOf: string;
  cursor?: string;
}

const made: Record<string, string> = {};
const secret = `PR-SECRET watch ${run}`;

async function register(name: string, changes: Record<string, unknown>) {
  const record = RegisterObject.parse({
    ...greekIcon,
    title: `${name} ${run}`,
    policeReference: secret,
    contact: { name: `Registrar ${run}`, email: `secret.${run}@example.org` },
    ...changes,
  });
  const created = await api.call('POST', '/v1/objects', { as: museum, body: record });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  made[name] = created.body.id;
}

/** Every page of a download, followed by its cursors. */
async function download(as: Caller, query: string): Promise<{ pages: Page[]; items: Entry[]; removed: string[] }> {
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    const reply: Reply<Page> = await api.call('GET', `/v1/watch-lists?${query}${cursor ? `&cursor=${cursor}` : ''}`, { as });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    pages.push(reply.body);
    cursor = reply.body.cursor;
  } while (cursor);
  return { pages, items: pages.flatMap((page) => page.items), removed: pages.flatMap((page) => page.removed) };
}

const ours = (items: { id: string }[]) => items.map((item) => item.id).filter((id) => Object.values(made).includes(id));
const named = (...names: string[]) => names.map((name) => made[name]);

// Andorra and San Marino: countries no other test file registers losses in, so each list holds this file's objects only.
const where = (country: string) => ({ incident: { ...greekIcon.incident, country } });

beforeAll(async () => {
  await register('icon', { ...where('AD'), objectType: 'icon' });
  await register('coin', { ...where('AD'), objectType: 'coin' });
  await register('painting', { ...where('AD'), objectType: 'painting' });
  await register('sammarinese icon', { ...where('SM'), objectType: 'Icon' });
  await register('restricted icon', { ...where('AD'), objectType: 'icon', visibility: 'law-enforcement' });
  await register('inventoried icon', { ...where('AD'), objectType: 'icon', status: 'inventoried' });
}, 60_000);

describe('GET /v1/watch-lists', () => {
  it('lists the sought objects of the countries and types asked for, and nothing else', async () => {
    // Act
    const { items, removed } = await download(police, 'countries=AD,SM&objectTypes=icon,coin');
    const andorraOnly = await download(police, 'countries=AD');

    // Assert
    expect(ours(items).sort()).toEqual(named('icon', 'coin', 'sammarinese icon', 'restricted icon').sort());
    expect(removed).toEqual([]);
    expect(ours(andorraOnly.items).sort()).toEqual(named('icon', 'coin', 'painting', 'restricted icon').sort());
  });

  it('carries what recognises an object and never a restricted value', async () => {
    // Act
    const { items } = await download(customs, 'countries=AD');

    // Assert
    const icon = items.find((item) => item.id === made.icon);
    expect(icon).toMatchObject({
      version: 1,
      status: 'stolen',
      objectType: 'icon',
      title: `icon ${run}`,
      inscriptions: greekIcon.inscriptions,
      markings: greekIcon.markings,
      measurements: greekIcon.measurements,
      description: greekIcon.description,
      incident: { country: 'AD', place: greekIcon.incident.place, date: greekIcon.incident.date },
    });
    for (const item of items) {
      expect(item).not.toHaveProperty('policeReference');
      expect(item).not.toHaveProperty('contact');
    }
    expect(JSON.stringify(items)).not.toContain(secret);
    expect(JSON.stringify(items)).not.toContain(`secret.${run}`);
  });

  it('gives a law-enforcement record to police and customs, and the list to neither the market nor the public', async () => {
    // Act
    const [byPolice, byCustoms] = await Promise.all([download(police, 'countries=AD'), download(customs, 'countries=AD')]);
    const [byMarket, byPublic] = await Promise.all([
      api.call('GET', '/v1/watch-lists?countries=AD', { as: market }),
      api.call('GET', '/v1/watch-lists?countries=AD', { as: publicCaller }),
    ]);

    // Assert
    expect(ours(byPolice.items)).toContain(made['restricted icon']);
    expect(ours(byCustoms.items)).toContain(made['restricted icon']);
    expect(ours(byPolice.items)).not.toContain(made['inventoried icon']);
    expect([byMarket.status, byPublic.status]).toEqual([403, 403]);
    expect(JSON.stringify([byMarket.body, byPublic.body])).not.toContain(run);
  });

  it('hands a download out a page at a time, each object once, with one asOf for the whole download', async () => {
    // Act
    const paged = await download(police, 'countries=SM,AD&limit=2');
    const whole = await download(police, 'countries=AD,SM');
    const forged = await api.call('GET', `/v1/watch-lists?countries=AD&cursor=${Buffer.from('{"listPk":"OBJECT"}').toString('base64url')}`, { as: police });
    const otherCountries = await api.call('GET', `/v1/watch-lists?countries=GR&cursor=${paged.pages[0]?.cursor}`, { as: police });

    // Assert
    expect(paged.pages.length).toBeGreaterThanOrEqual(3);
    for (const page of paged.pages) expect(page.items.length).toBeLessThanOrEqual(2);
    expect(ours(paged.items).sort()).toEqual(ours(whole.items).sort());
    expect(new Set(ours(paged.items)).size).toBe(ours(paged.items).length);
    expect(new Set(paged.pages.map((page) => page.asOf)).size).toBe(1);
    expect([forged.status, otherCountries.status]).toEqual([400, 400]);
  });

  it('refreshes since a download: what changed, and the ids that left the list, such as a recovered object', async () => {
    // Arrange
    const first = await download(police, 'countries=AD,SM');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const recovered = await api.call('POST', `/v1/objects/${made.coin}/status`, { as: museum, body: { status: 'recovered', note: 'Seized at Limassol port' } });
    const edited = await api.call('PATCH', `/v1/objects/${made['sammarinese icon']}`, { as: museum, headers: { 'if-match': '"1"' }, body: { title: `sammarinese icon ${run} (retitled)` } });
    expect([recovered.status, edited.status]).toEqual([200, 200]);

    // Act
    const changes = await download(police, `countries=AD,SM&since=${since}`);
    const fromAsOf = await download(police, `countries=AD,SM&since=${first.pages[0]?.asOf}`);

    // Assert
    expect(ours(changes.items)).toEqual(named('sammarinese icon'));
    expect(changes.items.find((item) => item.id === made['sammarinese icon'])).toMatchObject({ version: 2, title: `sammarinese icon ${run} (retitled)` });
    expect(ours(changes.removed.map((id) => ({ id })))).toEqual(named('coin'));
    expect(ours(fromAsOf.items)).toContain(made['sammarinese icon']);
    expect(ours(fromAsOf.items)).not.toContain(made.coin);
    expect(fromAsOf.removed).toContain(made.coin);
    expect(Date.parse(first.pages[0]?.asOf ?? '')).toBeLessThanOrEqual(Date.now());
  });

  it('links a small thumbnail of the first ready photo, with its expiry', async () => {
    // Arrange
    const grant = await api.call('POST', `/v1/objects/${made.icon}/images`, { as: museum, body: { contentType: 'image/jpeg' } });
    expect(grant.status).toBe(201);
    expect(await postToPresignedUpload(grant.body, await solid(1200, 900).jpeg().toBuffer(), 'image/jpeg')).toBe(204);
    expect((await waitForImage(api, museum, made.icon ?? '', grant.body.imageId)).status).toBe('ready');

    // Act
    const { items } = await download(police, 'countries=AD&objectTypes=icon');
    const thumbnail = items.find((item) => item.id === made.icon)?.thumbnail;
    const fetched = await fetch(thumbnail?.url ?? '');
    const bytes = new Uint8Array(await fetched.arrayBuffer());

    // Assert
    expect(fetched.status).toBe(200);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    expect(bytes.byteLength).toBeLessThan(8 * 1024);
    expect(Date.parse(thumbnail?.expiresAt ?? '')).toBeGreaterThan(Date.now());
    expect(items.find((item) => item.id === made['restricted icon'])).not.toHaveProperty('thumbnail');
  }, 60_000);
});
