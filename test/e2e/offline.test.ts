// Field use with no network, in Chromium against the local stack: a customs officer downloads a watch list of 200
// objects, loses the network, reloads the console, finds an object by a French description, reports a sighting with a
// photo, and the sighting reaches the registry exactly once when the network returns, where it is matched.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type * as z from 'zod';
import type { Caller } from '../../schemas/identity.ts';
import type { RegisterObject } from '../../schemas/object-id.ts';
import { fieldPhoto, registeredPhoto, syntheticObjects } from '../fixtures/photo-corpus.ts';
import { apiClient, postToPresignedUpload, waitForImage } from '../support/api.ts';
import { launchChromium, screenshot, signIn, viewports } from '../support/browser.ts';
import { until } from '../support/until.ts';

const baseUrl = inject('apiUrl');
const api = apiClient(baseUrl);
const museum: Caller = { sub: 'maria', org: 'museum-of-vaduz-e2e', role: 'museum' };
const officer: Caller = { sub: 'lukas', org: 'customs-schaanwald-e2e', role: 'customs' };
// Liechtenstein: no other test registers losses there, so the list holds exactly the objects registered here.
const country = 'LI';
const listSize = 200;
const withPhoto = 12;
const photos = syntheticObjects(withPhoto, 20260413, 100, 'e2e-field');

const target: z.input<typeof RegisterObject> = {
  lang: 'fr',
  objectType: 'icône',
  title: 'Saint Nicolas de Myre',
  materials: ['tempera', 'bois', "feuille d'or"],
  measurements: { height: 38, width: 29, unit: 'cm' },
  inscriptions: [{ text: 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ', script: 'Grek', language: 'el' }],
  markings: [{ kind: 'inventory-number', text: 'VDZ 4471' }],
  description: "Icône post-byzantine de saint Nicolas bénissant, tenant un évangile fermé, sur fond d'or ; fente verticale dans le panneau de bois.",
  incident: { country, place: 'Vaduz, chapelle Saint-Florin', date: '2025-09-14' },
  status: 'stolen',
};

const kinds = [
  ['coin', 'silver', 'Silver coin with a ruler facing right; worn edge, small test cut.'],
  ['vase', 'terracotta', 'Red-figure vase with a procession of dancers; repaired handle.'],
  ['statuette', 'bronze', 'Small bronze statuette of a standing warrior, green patina, left foot missing.'],
  ['manuscript', 'parchment', 'Illuminated leaf with a gilded initial and two columns of text.'],
  ['chalice', 'silver', 'Gilded silver chalice with engraved vine scrolls on the foot.'],
  ['painting', 'oil', 'Oil on canvas landscape with a river and a mill at dusk, signed lower right.'],
] as const;

/** 199 objects of other kinds, each with its own inventory number, and the icon the officer will look for. */
function registrations(): z.input<typeof RegisterObject>[] {
  const others = Array.from({ length: listSize - 1 }, (_, n) => {
    const [objectType, material, description] = kinds[n % kinds.length]!;
    return {
      lang: 'en',
      objectType,
      materials: [material],
      markings: [{ kind: 'inventory-number' as const, text: `VDZ ${1000 + n}` }],
      description: `${description} Inventory VDZ ${1000 + n}.`,
      incident: { country, place: 'Vaduz' },
      status: 'stolen' as const,
    };
  });
  return [target, ...others];
}

async function register(body: z.input<typeof RegisterObject>): Promise<string> {
  const reply = await api.call('POST', '/v1/objects', { as: museum, body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.id as string;
}

async function attachPhoto(objectId: string, bytes: Buffer): Promise<void> {
  const grant = await api.call('POST', `/v1/objects/${objectId}/images`, { as: museum, body: { contentType: 'image/jpeg' } });
  expect(await postToPresignedUpload(grant.body, bytes, 'image/jpeg')).toBe(204);
  expect((await waitForImage(api, museum, objectId, grant.body.imageId, 60_000)).status).toBe('ready');
}

// Run in the page (as text: the tests are type-checked without the DOM library).
/** What the console keeps in IndexedDB for the officer: entries as JSON and thumbnails, in bytes. */
function keptOnDevice(page: Page): Promise<{ entries: number; json: number; thumbnails: number; withThumbnail: number }> {
  const name = JSON.stringify(`registry-field:${officer.role}:${officer.org}:${officer.sub}`);
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open(${name});
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const all = open.result.transaction('entries').objectStore('entries').getAll();
      all.onsuccess = () => {
        const entries = all.result;
        const json = entries.reduce((sum, { thumbnail, ...entry }) => sum + new TextEncoder().encode(JSON.stringify(entry)).length, 0);
        const thumbnails = entries.reduce((sum, entry) => sum + (entry.thumbnail?.size ?? 0), 0);
        resolve({ entries: entries.length, json, thumbnails, withThumbnail: entries.filter((entry) => entry.thumbnail).length });
      };
    };
  })`);
}

/** The paths the service worker's caches hold. */
const cachedPaths = (page: Page): Promise<string[]> =>
  page.evaluate(`(async () => {
    const paths = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    return paths;
  })()`);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let targetId = '';
let sightingId = '';

beforeAll(async () => {
  const ids: string[] = [];
  const bodies = registrations();
  for (let at = 0; at < bodies.length; at += 20) ids.push(...(await Promise.all(bodies.slice(at, at + 20).map(register))));
  targetId = ids[0]!;
  // The icon and a few others with a photo: the list carries their thumbnails.
  await Promise.all(photos.map(async (object, n) => attachPhoto(ids[n]!, await registeredPhoto(object))));
  browser = await launchChromium();
  // The officer works from a phone.
  context = await browser.newContext({ viewport: viewports.phone });
  page = await context.newPage();
}, 180_000);
afterAll(() => browser?.close());

describe('the console in the field, with and without a network', () => {
  it('downloads a watch list of 200 objects with their thumbnails into the device', { timeout: 120_000 }, async () => {
    // Arrange
    await signIn(page, baseUrl, officer);
    await page.getByRole('navigation').getByRole('link', { name: 'Watch list' }).click();
    // Act
    await page.getByLabel('Add a country').selectOption(country);
    const started = Date.now();
    await page.getByRole('button', { name: 'Download the watch list' }).click();
    // Assert
    await page.getByRole('button', { name: 'Refresh the watch list' }).waitFor({ timeout: 60_000 });
    console.info(`watch list downloaded in ${Date.now() - started} ms: ${await page.locator('.download-progress').textContent()}`);
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    await expect(page.locator('.kept-summary dd').first().textContent()).resolves.toBe('200');
    const kept = await keptOnDevice(page);
    expect(kept).toMatchObject({ entries: listSize, withThumbnail: withPhoto });
    const perThousand = { json: (kept.json / kept.entries) * 1000, thumbnail: (kept.thumbnails / kept.withThumbnail) * 1000 };
    console.info(
      `watch list on the device: ${kept.json} bytes of entries + ${kept.thumbnails} bytes of ${kept.withThumbnail} thumbnails; ` +
        `per 1,000 objects all with a photo: ${((perThousand.json + perThousand.thumbnail) / 1e6).toFixed(2)} MB`,
    );
    // 5,000 objects, every one with a photo, in at most 25 MB.
    expect(5 * (perThousand.json + perThousand.thumbnail)).toBeLessThan(25e6);
    await screenshot(page, 'offline-01-watch-list');
  });

  it('opens with no network, says so, and finds the icon by a French description on the device', { timeout: 60_000 }, async () => {
    // Arrange: the service worker holds the console before the network goes.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await context.setOffline(true);
    // Act
    await page.reload();
    await page.getByText(/^Offline:/).waitFor();
    await page.getByLabel('Description in your own words').fill('Icône de saint Nicolas qui bénit, avec un évangile, peinte sur bois doré, fendue');
    await page.getByLabel('Language of the description').selectOption('fr');
    await page.getByRole('button', { name: 'Search the watch list' }).click();
    // Assert
    const found = page.getByRole('heading', { name: /found on this device in/ });
    await found.waitFor();
    console.info(`offline search over ${listSize} objects: ${await found.textContent()}`);
    const first = page.locator('.entry-card').first();
    await expect(first.getByRole('heading', { name: 'Saint Nicolas de Myre' }).isVisible()).resolves.toBe(true);
    await expect(first.getByRole('img', { name: 'Photo of Saint Nicolas de Myre' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'offline-02-search');
  });

  it('queues a sighting with a photo while offline and sends it exactly once when the network returns', { timeout: 120_000 }, async () => {
    // Arrange
    await page.getByLabel('What you saw').fill('Icône de saint Nicolas dans le coffre d’une voiture, fendue dans le bois');
    await page.getByLabel('Language of your report').selectOption('fr');
    await page.getByLabel('Photos of the object').setInputFiles({ name: 'coffre.jpg', mimeType: 'image/jpeg', buffer: await fieldPhoto(photos[0]!, 'crop', 3) });
    await page.getByLabel('Country seen in').selectOption('AT');
    await page.getByLabel('Place').fill('Schaanwald border post');
    // Act
    await page.getByRole('button', { name: 'Report the sighting' }).click();
    await page.getByText('Kept on this device: it will be sent when the network returns.').waitFor();
    await page.locator('.outbox-item').getByText('Waiting', { exact: true }).waitFor();
    await screenshot(page, 'offline-03-outbox-waiting');
    await context.setOffline(false);
    // Assert
    const link = page.getByRole('link', { name: 'See the sighting and its matches' });
    await link.waitFor({ timeout: 30_000 });
    sightingId = (await link.getAttribute('href'))!.split('/').pop()!;
    await expect(page.locator('.outbox-item').count()).resolves.toBe(1);
    await screenshot(page, 'offline-04-outbox-sent');
    const sighting = await until(
      async () => (await api.call('GET', `/v1/sightings/${sightingId}`, { as: officer })).body,
      (body) => body.status !== 'pending',
      60_000,
    );
    expect(sighting.status).toBe('matched');
    expect(sighting.imageKeys).toHaveLength(1);
    expect(sighting.matches.map((match: { objectId: string }) => match.objectId)).toContain(targetId);
    // One sighting arrived: the icon has exactly one match, from it.
    const matches = await api.call('GET', `/v1/objects/${targetId}/matches`, { as: museum });
    expect(matches.body.items.map((match: { sightingId: string }) => match.sightingId)).toEqual([sightingId]);
  });

  it('kept no API answer in the service worker caches', async () => {
    // Act
    const cached = await cachedPaths(page);
    // Assert
    expect(cached).toContain('/index.html');
    expect(cached.filter((path) => path.startsWith('/v1/'))).toEqual([]);
  });
});

describe('a sighting sent twice with one idempotency key', () => {
  it('is stored once and answered the same both times', async () => {
    // Arrange
    const key = crypto.randomUUID();
    const body = { channel: 'customs', text: 'Silver chalice, inventory VDZ 1004', seenAt: { date: '2026-04-13', country: 'AT' } };
    // Act
    const first = await api.call('POST', '/v1/sightings', { as: officer, body, headers: { 'idempotency-key': key } });
    const again = await api.call('POST', '/v1/sightings', { as: officer, body, headers: { 'idempotency-key': key } });
    const changed = await api.call('POST', '/v1/sightings', { as: officer, body: { ...body, text: 'another report' }, headers: { 'idempotency-key': key } });
    // Assert
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    expect(changed.status).toBe(422);
    const sighting = await until(
      async () => (await api.call('GET', `/v1/sightings/${first.body.id}`, { as: officer })).body,
      (read) => read.status !== 'pending',
      60_000,
    );
    const chalice = sighting.matches[0].objectId as string;
    const matches = await api.call('GET', `/v1/objects/${chalice}/matches`, { as: museum });
    expect(matches.body.items.map((match: { sightingId: string }) => match.sightingId)).toEqual([first.body.id]);
  });
});
