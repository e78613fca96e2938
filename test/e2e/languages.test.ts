// The console in each of its languages: Arabic right to left, the choice remembered, dates in the reader's locale.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot, signIn, viewports } from '../support/browser.ts';

const baseUrl = inject('apiUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('the console in Arabic', () => {
  it('renders right to left with Arabic navigation, and remembers the choice after a reload', async () => {
    // Arrange
    const page = await browser.newPage({ viewport: viewports.laptop });
    await signIn(page, baseUrl, { sub: 'layla', org: 'museum-of-mosul', role: 'museum' });
    // Act
    await page.getByLabel('Language').selectOption('ar');
    await page.getByRole('navigation').getByRole('link', { name: 'قطعنا' }).waitFor();
    await screenshot(page, 'arabic-objects');
    await page.reload();
    // Assert
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    await page.getByRole('button', { name: 'تسجيل الخروج' }).waitFor();
    const header = await page.locator('header').boundingBox();
    const brand = await page.locator('.brand').boundingBox();
    // Right to left: the registry's name starts at the right-hand edge of the header.
    expect(brand!.x + brand!.width).toBeGreaterThan(header!.width - 40);
    await page.close();
  });

  it('shows the sign-in page in the language the browser prefers', async () => {
    // Arrange
    const context = await browser.newContext({ locale: 'fr-FR', viewport: viewports.phone });
    const page = await context.newPage();
    // Act
    await page.goto(`${baseUrl}/`);
    // Assert
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    await screenshot(page, 'sign-in-french-phone');
    await context.close();
  });
});
