// Draws the console's installable-app icons (web/public/icon-192.png and icon-512.png) from web/public/icon.svg.
// Run once after changing the SVG: node scripts/console-icons.ts; the PNGs are committed.
import { resolve } from 'node:path';
import sharp from 'sharp';

const publicDir = resolve(import.meta.dirname, '../web/public');

for (const size of [192, 512]) {
  await sharp(resolve(publicDir, 'icon.svg'), { density: (72 * size) / 512 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(resolve(publicDir, `icon-${size}.png`));
}
