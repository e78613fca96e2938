// Trains photo matching's visual-word vocabulary once, with a fixed seed, from the example photos Debian's
// opencv-doc package ships (every other one: the rest make field photos of our own, scripts/make-field-photos.ts):
// `apt-get install opencv-doc && node scripts/train-photo-vocabulary.ts`. Never from evaluation photos.
import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { detectFeatures, unpackFeatures } from '../functions/matching/photo/local-features.ts';
import { coarseWords, distance, fineWords, nearest, vocabularyFile } from '../functions/matching/photo/visual-words.ts';
import { seededRandom } from '../test/fixtures/random.ts';

export const publicPhotos = '/usr/share/doc/opencv-doc/examples/data';
const sides = [512, 1024];
const keypointsPerPhoto = 2000;
const sampleSize = 300_000;
const random = seededRandom(24);

/** The package's photos, sorted; the vocabulary takes the even ones, our own field photos the odd ones. */
export function packagePhotos(part: 'vocabulary' | 'field'): string[] {
  const all = readdirSync(publicPhotos).filter((name) => /\.(jpg|png)$/.test(name)).sort();
  return all.filter((_, i) => i % 2 === (part === 'vocabulary' ? 0 : 1)).map((name) => join(publicPhotos, name));
}

async function descriptorsOf(path: string): Promise<Uint32Array[]> {
  const out: Uint32Array[] = [];
  for (const side of sides) {
    const { data, info } = await sharp(path).resize({ width: side, height: side, fit: 'inside' }).greyscale().raw().toBuffer({ resolveWithObject: true });
    const features = unpackFeatures(await detectFeatures({ width: info.width, height: info.height, pixels: new Uint8Array(data) }, keypointsPerPhoto));
    out.push(features.words);
  }
  return out;
}

/** k-majority: Lloyd's iterations with the bitwise majority as the centre of a cluster of binary descriptors. */
function kMajority(data: Uint32Array, members: number[], k: number, iterations: number): Uint32Array {
  const centres = new Uint32Array(k * 8);
  for (let c = 0; c < k; c++) {
    const m = members[Math.floor(random() * members.length)] as number;
    centres.set(data.subarray(m * 8, m * 8 + 8), c * 8);
  }
  for (let iteration = 0; iteration < iterations; iteration++) {
    const ones = new Uint32Array(k * 256);
    const sizes = new Uint32Array(k);
    for (const m of members) {
      const c = nearest(data, m, centres, 0, k);
      sizes[c] = (sizes[c] as number) + 1;
      for (let bit = 0; bit < 256; bit++) if (((data[m * 8 + (bit >> 5)] as number) >>> (bit & 31)) & 1) ones[c * 256 + bit] = (ones[c * 256 + bit] as number) + 1;
    }
    for (let c = 0; c < k; c++) {
      if (sizes[c] === 0) {
        const m = members[Math.floor(random() * members.length)] as number;
        centres.set(data.subarray(m * 8, m * 8 + 8), c * 8);
        continue;
      }
      for (let w = 0; w < 8; w++) {
        let word = 0;
        for (let b = 0; b < 32; b++) if ((ones[c * 256 + w * 32 + b] as number) * 2 > (sizes[c] as number)) word |= 1 << b;
        centres[c * 8 + w] = word >>> 0;
      }
    }
  }
  return centres;
}

if (import.meta.main) {
  const photos = packagePhotos('vocabulary');
  const chunks: Uint32Array[] = [];
  for (const photo of photos) chunks.push(...(await descriptorsOf(photo)));
  const total = chunks.reduce((sum, chunk) => sum + chunk.length / 8, 0);
  const all = new Uint32Array(total * 8);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  const chosen = Array.from({ length: total }, (_, i) => i);
  for (let i = chosen.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [chosen[i], chosen[j]] = [chosen[j] as number, chosen[i] as number];
  }
  const sample = chosen.slice(0, sampleSize);
  console.log(`${photos.length} photos, ${total} descriptors, ${sample.length} sampled`);
  const coarse = kMajority(all, sample, coarseWords, 10);
  const groups: number[][] = Array.from({ length: coarseWords }, () => []);
  for (const m of sample) (groups[nearest(all, m, coarse, 0, coarseWords)] as number[]).push(m);
  const fine = new Uint32Array(coarseWords * fineWords * 8);
  groups.forEach((members, c) => fine.set(kMajority(all, members.length > 0 ? members : sample, fineWords, 8), c * fineWords * 8));
  let spread = 0;
  for (const m of sample.slice(0, 10_000)) {
    const c = nearest(all, m, coarse, 0, coarseWords);
    spread += distance(all, m, fine, c * fineWords + nearest(all, m, fine, c * fineWords, fineWords));
  }
  console.log(`mean distance to the nearest word: ${(spread / Math.min(10_000, sample.length)).toFixed(1)} bits`);
  const out = new Uint8Array((coarse.length + fine.length) * 4);
  out.set(new Uint8Array(coarse.buffer), 0);
  out.set(new Uint8Array(fine.buffer), coarse.length * 4);
  await writeFile(resolve(import.meta.dirname, '..', 'functions', 'matching', 'photo', vocabularyFile), out);
}
