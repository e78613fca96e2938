// The console as its users meet it, in Chromium against the local stack: a registrar registers a stolen icon with a
// photo, a customs officer finds it from a cropped, rotated field photo, and the recovery reaches the officer's feed.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Caller } from '../../schemas/identity.ts';
import { fieldPhoto, registeredPhoto, syntheticObjects } from '../fixtures/photo-corpus.ts';
import { launchChromium, screenshot, signIn, viewports } from '../support/browser.ts';

const baseUrl = inject('apiUrl');
const registrar: Caller = { sub: 'eleni', org: 'museum-of-kastoria-e2e', role: 'museum' };
const officer: Caller = { sub: 'nikos', org: 'customs-evzoni-e2e', role: 'customs' };
const title = 'Icon of Saint Nicholas with scenes from his life';
const [icon] = syntheticObjects(1, 20261130, 10, 'e2e-icon');

let browser: Browser;
let registrarPage: Page;
let officerPage: Page;
let objectUrl = '';

/** The field photo: rotated on the officer's table, then cropped to the part that fitted the frame. */
async function croppedRotatedPhoto(): Promise<Buffer> {
  const rotated = await fieldPhoto(icon!, 'rotation', 7);
  const { width = 0, height = 0 } = await sharp(rotated).metadata();
  return sharp(rotated)
    .extract({ left: Math.round(width * 0.08), top: Math.round(height * 0.05), width: Math.round(width * 0.8), height: Math.round(height * 0.85) })
    .jpeg({ quality: 70 })
    .toBuffer();
}

beforeAll(async () => {
  browser = await launchChromium();
  registrarPage = await browser.newPage({ viewport: viewports.laptop });
  // The officer works from a phone.
  officerPage = await browser.newPage({ viewport: viewports.phone });
});
afterAll(() => browser?.close());

describe('a theft, a find at the border and the recovery, in the console', () => {
  it('lets a registrar register a stolen icon with a photo and see the photo ready', { timeout: 120_000 }, async () => {
    // Arrange
    const page = registrarPage;
    await signIn(page, baseUrl, registrar);
    await page.getByRole('navigation').getByRole('link', { name: 'Register an object' }).click();
    // Act
    await page.getByLabel('Type of object (required)').fill('icon');
    await page.getByLabel('Materials').fill('tempera, wood, gold leaf');
    await page.getByLabel('Height', { exact: true }).fill('42.5');
    await page.getByLabel('Width', { exact: true }).fill('31');
    await page.getByLabel('Unit of length').selectOption('cm');
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Description (required)').fill('Post-Byzantine icon, the saint in bishop’s vestments blessing, ten scenes of his life around him; crack through the lower left scene.');
    await page.getByLabel('Language of the record (required)').selectOption('en');
    await page.getByLabel('Stolen', { exact: true }).check();
    await page.getByLabel('Country (required)').selectOption('GR');
    await page.getByLabel('Place', { exact: true }).fill('Kastoria, church of Saint Nicholas Kasnitzi');
    await page.getByLabel('Photos of the object').setInputFiles({ name: 'icon.jpg', mimeType: 'image/jpeg', buffer: await registeredPhoto(icon!) });
    await screenshot(page, '01-register-object');
    await page.getByRole('button', { name: 'Register the object' }).click();
    await page.waitForURL(/\/objects\/[0-9a-f-]{36}$/);
    objectUrl = page.url();
    // Assert
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    await expect(page.getByRole('img', { name: /Photo 1 of the object/ }).isVisible()).resolves.toBe(true);
    await screenshot(page, '02-object-photo-ready');
  });

  it('shows each refused field beside its input when the form is sent incomplete', async () => {
    // Arrange
    const page = await browser.newPage({ viewport: viewports.laptop });
    await signIn(page, baseUrl, registrar);
    await page.goto(`${baseUrl}/objects/new`);
    // Act
    await page.getByLabel('Type of object (required)').fill('chalice');
    await page.getByLabel('Description (required)').fill('too short');
    await page.getByLabel('Language of the record (required)').selectOption('en');
    await page.getByLabel('Stolen', { exact: true }).check();
    await page.getByRole('button', { name: 'Register the object' }).click();
    // Assert
    const summary = page.getByRole('alert').first();
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain('description');
    await expect(page.getByLabel('Description (required)').getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, '03-register-refused');
    await page.close();
  });

  it('lets a customs officer on a phone find it from a cropped, rotated photo', { timeout: 120_000 }, async () => {
    // Arrange
    const page = officerPage;
    await signIn(page, baseUrl, officer);
    await page.getByRole('navigation').getByRole('link', { name: 'Search' }).click();
    // Act
    await page.getByLabel('Photo to search with').setInputFiles({ name: 'field.jpg', mimeType: 'image/jpeg', buffer: await croppedRotatedPhoto() });
    await page.getByText('Photo ready to search with.').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    // Assert
    await page.getByRole('heading', { name: /candidate/ }).waitFor({ timeout: 30_000 });
    await screenshot(page, '04-search-by-photo-phone');
    const best = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) }).first();
    await expect(best.isVisible()).resolves.toBe(true);
    // The field photo is outlined where the icon was found, and says where in words.
    await expect(best.getByRole('img', { name: /^Your photo: found at .+, \d+% of the frame$/ }).isVisible()).resolves.toBe(true);
    await best.locator('svg.region rect.outline').waitFor({ timeout: 10_000 });
  });

  it('tells the officer, in the alert feed, that the registrar marked it recovered', { timeout: 120_000 }, async () => {
    // Arrange: the officer subscribes to status changes, read in the console's feed
    const page = officerPage;
    await page.getByRole('navigation').getByRole('link', { name: 'Subscriptions' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Recoveries');
    await page.getByLabel('Status change').check();
    await page.getByRole('button', { name: 'Create subscription' }).click();
    await page.getByText('Subscription “Recoveries” created.').waitFor();
    await screenshot(page, '05-subscriptions');
    await page.getByRole('navigation').getByRole('link', { name: 'Alerts' }).click();
    // Act
    await registrarPage.goto(objectUrl);
    await registrarPage.getByRole('button', { name: 'Mark recovered' }).click();
    await registrarPage.getByText('Recovered').first().waitFor();
    await screenshot(registrarPage, '06-object-recovered');
    // Assert: the feed updates without a reload
    const alert = page.getByRole('listitem').filter({ hasText: title }).first();
    await alert.waitFor({ timeout: 60_000 });
    await expect(alert.textContent()).resolves.toMatch(/Recovered/i);
    await screenshot(page, '07-alert-feed-phone');
  });
});
