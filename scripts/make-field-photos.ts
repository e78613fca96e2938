// Makes field photos of our own with conditions the shared development set lacks (two objects of one family side by
// side, glass reflections, a hand holding the object, low light and phone noise, a screen or a printed catalogue),
// from public photos Debian's opencv-doc package ships (the half the vocabulary never saw) and the synthetic corpus's
// near twins; fixed seed. Half the objects form a tuning part, the other half a held-out part never used for tuning.
// `node scripts/make-field-photos.ts` writes them to .field-photos/ (or FIELD_PHOTOS_DIR) for bench/photo-eval.ts.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { ownDirectory, type OwnTruth } from '../bench/photo-eval-sets.ts';
import { objectSvg, syntheticObjects } from '../test/fixtures/photo-corpus.ts';
import { seededRandom } from '../test/fixtures/random.ts';
import { packagePhotos } from './train-photo-vocabulary.ts';
import type * as z from 'zod';

const conditions = ['side by side', 'glass reflection', 'hand holding', 'low light and noise', 'screen or catalogue'] as const;
const random = seededRandom(2024_24);
const between = (low: number, high: number) => low + random() * (high - low);
const [fieldWidth, fieldHeight] = [720, 540];

// Calibration boards and test patterns are not objects anyone photographs: only the package's real photos.
const notObjects = /^(left\d|right\d|chessboard|gradient|ellipses|detect_blob|templ|notes|pic\d|digits|imageText)/;

interface Source {
  id: string;
  /** The object alone, as PNG. */
  image: () => Promise<Buffer>;
  /** Another object of its family, for the side-by-side photos. */
  sibling: () => Promise<Buffer>;
  registered: boolean;
}

// Every museum photo of the collection has the same chart and label beside the object.
const chart = `<svg xmlns="http://www.w3.org/2000/svg" width="150" height="230">${Array.from({ length: 12 }, (_, i) =>
  `<rect x="${(i % 3) * 50}" y="${Math.floor(i / 3) * 50}" width="48" height="48" fill="hsl(${i * 30},${i % 2 ? 70 : 40}%,${30 + (i % 4) * 15}%)"/>`).join('')}
  <rect x="0" y="205" width="150" height="25" fill="#fff"/><rect x="8" y="212" width="90" height="10" fill="#222"/></svg>`;

async function museumPhoto(object: Buffer): Promise<Buffer> {
  const fitted = await sharp(object).resize({ width: 560, height: 560, fit: 'inside' }).png().toBuffer();
  return sharp({ create: { width: 900, height: 680, channels: 3, background: '#e9e7e2' } })
    .composite([{ input: fitted, left: 40, top: 60 }, { input: Buffer.from(chart), left: 700, top: 380 }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function background(photos: string[]): Promise<Buffer> {
  const scene = photos[Math.floor(random() * photos.length)] as string;
  return sharp(scene).resize(fieldWidth, fieldHeight, { fit: 'cover' }).blur(1.2).png().toBuffer();
}

async function placed(object: Uint8Array, height: number, angle: number): Promise<Buffer> {
  return sharp(await sharp(object).resize({ height, width: Math.round(fieldWidth * 0.55), fit: 'inside' }).png().toBuffer())
    .rotate(angle, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
}

async function noisy(photo: Uint8Array, gain: number, sigma: number): Promise<Buffer> {
  const { data, info } = await sharp(photo).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i++) {
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    data[i] = Math.max(0, Math.min(255, Math.round((data[i] as number) * gain + sigma * gaussian)));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).png().toBuffer();
}

async function fieldPhoto(source: Source, condition: (typeof conditions)[number], scenes: string[]): Promise<Buffer> {
  const height = Math.round(fieldHeight * between(0.45, 0.62));
  const object = await placed(await source.image(), height, between(-15, 15));
  const meta = await sharp(object).metadata();
  const [width, tall] = [meta.width ?? 0, meta.height ?? 0];
  const left = Math.round(between(0, Math.max(0, fieldWidth - width)));
  const top = Math.round(between(0, Math.max(0, fieldHeight - tall)));
  const layers: OverlayOptions[] = [{ input: object, left: Math.min(left, Math.max(0, fieldWidth - width)), top: Math.min(top, Math.max(0, fieldHeight - tall)) }];
  let base: Uint8Array = await background(scenes);
  if (condition === 'side by side') {
    const sibling = await placed(await source.sibling(), height, between(-10, 10));
    const siblingMeta = await sharp(sibling).metadata();
    const siblingLeft = left + width / 2 < fieldWidth / 2 ? fieldWidth - (siblingMeta.width ?? 0) : 0;
    layers.push({ input: sibling, left: Math.max(0, siblingLeft), top: Math.max(0, fieldHeight - (siblingMeta.height ?? 0) - 10) });
  } else if (condition === 'glass reflection') {
    const glare = `<svg xmlns="http://www.w3.org/2000/svg" width="${fieldWidth}" height="${fieldHeight}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0.3" stop-color="#fff" stop-opacity="0"/><stop offset="0.5" stop-color="#fff" stop-opacity="0.55"/><stop offset="0.62" stop-color="#fff" stop-opacity="0"/></linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#g)"/><rect x="${Math.round(between(0, fieldWidth - 120))}" y="0" width="60" height="${fieldHeight}" fill="#dde" opacity="0.25"/></svg>`;
    layers.push({ input: Buffer.from(glare), left: 0, top: 0 });
  } else if (condition === 'hand holding') {
    const [x, y] = [left + width * between(0.2, 0.6), top + tall * between(0.6, 0.9)];
    const fingers = Array.from({ length: 4 }, (_, i) =>
      `<ellipse cx="${x + i * 26}" cy="${y - i * 6}" rx="15" ry="${55 + i * 4}" fill="hsl(25,45%,${58 + i * 3}%)" transform="rotate(${between(-25, -5)} ${x + i * 26} ${y})"/>`).join('');
    const hand = `<svg xmlns="http://www.w3.org/2000/svg" width="${fieldWidth}" height="${fieldHeight}">${fingers}<ellipse cx="${x + 60}" cy="${y + 70}" rx="95" ry="60" fill="hsl(25,45%,55%)"/></svg>`;
    layers.push({ input: Buffer.from(hand), left: 0, top: 0 });
  } else if (condition === 'screen or catalogue') {
    if (random() < 0.5) {
      const lines = Array.from({ length: 14 }, (_, i) => `<rect x="40" y="${30 + i * 36}" width="${Math.round(between(200, 640))}" height="8" fill="#444"/>`).join('');
      base = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${fieldWidth}" height="${fieldHeight}"><rect width="100%" height="100%" fill="#f4f1ea"/>${lines}</svg>`)).png().toBuffer();
    } else {
      const scan = Array.from({ length: fieldHeight / 3 }, (_, i) => `<rect x="0" y="${i * 3}" width="${fieldWidth}" height="1" fill="#000" opacity="0.18"/>`).join('');
      layers.push({ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${fieldWidth}" height="${fieldHeight}">${scan}</svg>`), left: 0, top: 0 });
    }
  }
  let photo: Uint8Array = await sharp(base).composite(layers).png().toBuffer();
  if (condition === 'low light and noise') photo = await noisy(photo, between(0.3, 0.45), between(6, 12));
  else photo = await noisy(photo, 1, 3);
  return sharp(photo).blur(0.6).jpeg({ quality: Math.round(between(55, 80)) }).toBuffer();
}

if (import.meta.main) {
  const scenes = packagePhotos('vocabulary');
  const photos = packagePhotos('field').filter((path) => !notObjects.test(basename(path)));
  const svg = (object: (typeof synthetic)[number]) => () => sharp(Buffer.from(objectSvg(object))).png().toBuffer();
  // Near twins every second object: each registered object's sibling is its twin, which is never registered.
  const synthetic = syntheticObjects(24, 2424, 2, 'own');
  const sources: Source[] = [];
  photos.forEach((path, i) => {
    const sibling = photos[(i + 1) % photos.length] as string;
    sources.push({ id: `photo-${basename(path).replace(/\.\w+$/, '')}`, image: () => sharp(path).png().toBuffer(), sibling: () => sharp(sibling).png().toBuffer(), registered: i % 3 !== 2 });
  });
  for (let i = 0; i + 1 < synthetic.length; i += 2) {
    const [object, twin] = [synthetic[i] as (typeof synthetic)[number], synthetic[i + 1] as (typeof synthetic)[number]];
    sources.push({ id: object.id, image: svg(object), sibling: svg(twin), registered: i % 6 !== 4 });
    if (i % 6 === 4) continue;
    // The twin, unregistered, photographed beside nothing: it must not match its registered sibling.
    sources.push({ id: twin.id, image: svg(twin), sibling: svg(object), registered: false });
  }
  await mkdir(join(ownDirectory, 'gallery'), { recursive: true });
  await mkdir(join(ownDirectory, 'queries'), { recursive: true });
  const truth: z.input<typeof OwnTruth> = { gallery: [], queries: [], conditions: [...conditions] };
  for (const [n, source] of sources.entries()) {
    if (source.registered) {
      const file = `gallery/${source.id}.jpg`;
      await writeFile(join(ownDirectory, file), await museumPhoto(await source.image()));
      truth.gallery.push({ id: source.id, file });
    }
    for (const condition of conditions) {
      const file = `queries/${source.id}-${condition.replace(/ /g, '-')}.jpg`;
      await writeFile(join(ownDirectory, file), await fieldPhoto(source, condition, scenes));
      truth.queries.push({ id: `${source.id}/${condition}`, file, expected: source.registered ? source.id : null, condition, part: n % 2 === 0 ? 'tuning' : 'held-out' });
    }
  }
  await writeFile(join(ownDirectory, 'truth.json'), JSON.stringify(truth, null, 1));
  console.log(`${truth.gallery.length} registered photos, ${truth.queries.length} field photos in ${ownDirectory}`);
}
