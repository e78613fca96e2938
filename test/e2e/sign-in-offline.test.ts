// The sign-in page opened with no network, before anyone has signed in on the device: the console comes from the
// service worker, and says that the registry cannot be reached and that signing in needs the network.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot, viewports } from '../support/browser.ts';

const baseUrl = inject('apiUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('the sign-in page without a network', () => {
  it('says that the registry cannot be reached and that signing in needs the network, and says it no more once the network is back', { timeout: 60_000 }, async () => {
    // Arrange: a first visit, online, leaves the console in the service worker; nobody signs in.
    const context = await browser.newContext({ viewport: viewports.phone });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(page.getByText(/cannot be reached/).count()).resolves.toBe(0);

    // Act
    await context.setOffline(true);
    await page.reload();

    // Assert
    const notice = page.getByRole('status').getByText(/^The registry cannot be reached/);
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('Signing in needs the network');
    await expect(page.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'sign-in-offline');
    await context.setOffline(false);
    await notice.waitFor({ state: 'detached', timeout: 20_000 });
    await context.close();
  });
});
