// Debian's Chromium driven by playwright-core, for the end-to-end tests of the console against the local stack.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Caller } from '../../schemas/identity.ts';

/** apt-get install chromium puts it here; CHROMIUM_PATH points elsewhere. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = resolve(import.meta.dirname, '../e2e/screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** A phone the size of a common Android, and a laptop. */
export const viewports = { phone: { width: 390, height: 844 }, laptop: { width: 1280, height: 900 } } as const;

/** Signs in through the console's own local sign-in page, as a newcomer does. */
export async function signIn(page: Page, baseUrl: string, caller: Caller): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Role').selectOption(caller.role);
  await page.getByLabel('Organisation').fill(caller.org);
  await page.getByLabel('Your name or user id').fill(caller.sub);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Saved under test/e2e/screenshots (ignored by git), to look at after a run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}
