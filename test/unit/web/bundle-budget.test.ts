// The console's first load fits a 3G connection: at most 200 KB of compressed JavaScript before the first screen.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { firstLoadScripts } from '../../../web/first-load.ts';

const dist = resolve(import.meta.dirname, '../../../web/dist');

it('loads at most 200 KB of gzip-compressed JavaScript before the first screen (npm test builds web/ first)', () => {
  // Arrange
  expect(existsSync(dist), 'web/dist is missing: run npm run build:web').toBe(true);
  // Act
  const scripts = firstLoadScripts(dist);
  const total = scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
  // Assert
  expect(scripts.length).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(200 * 1024);
});
