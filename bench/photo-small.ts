// Small photos on the development set: top-1 with the field photo or the registered photo brought down to a police
// bulletin's size, beside both at full size, in the same run (in memory, through normalisation and fingerprinting).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { normalisePhoto } from '../functions/images/photo.ts';
import { fingerprintPhoto, type PhotoFingerprint } from '../functions/matching/photo/fingerprint.ts';
import { createPhotoIndex } from '../functions/matching/photo/photo-index.ts';

const set = process.env.PHOTO_EVAL ?? join(import.meta.dirname, '../../shared/eval/photos');
const shortSide = Number(process.env.SMALL_SIDE ?? 180);
const truth = JSON.parse(readFileSync(join(set, 'truth.json'), 'utf8')) as {
  gallery: { id: string; file: string }[];
  queries: { file: string; expected: string | null }[];
};

async function fingerprintOf(file: string, small: boolean, query: boolean): Promise<PhotoFingerprint> {
  const original = readFileSync(join(set, file));
  const bytes = small ? await sharp(original).resize({ width: shortSide, height: shortSide, fit: 'outside' }).jpeg({ quality: 80 }).toBuffer() : original;
  const photo = await normalisePhoto(bytes);
  return { ...(await fingerprintPhoto(photo.normalised, { query })), photo: { width: photo.width, height: photo.height } };
}

async function indexOf(small: boolean) {
  const index = createPhotoIndex();
  for (const entry of truth.gallery) index.upsert(entry.id, 'front', await fingerprintOf(entry.file, small, false));
  return index;
}

const registered = truth.queries.filter((query) => query.expected);
const [fullGallery, smallGallery] = [await indexOf(false), await indexOf(true)];
const hits = { full: 0, smallQuery: 0, smallGallery: 0, both: 0 };
const keypoints: number[] = [];
for (const query of registered) {
  const [full, small] = [await fingerprintOf(query.file, false, true), await fingerprintOf(query.file, true, true)];
  keypoints.push(Buffer.byteLength(small.local.points, 'base64') / 4);
  const first = async (index: typeof fullGallery, fingerprint: PhotoFingerprint) => (await index.search(fingerprint, 1))[0]?.objectId === query.expected;
  if (await first(fullGallery, full)) hits.full++;
  if (await first(fullGallery, small)) hits.smallQuery++;
  if (await first(smallGallery, full)) hits.smallGallery++;
  if (await first(smallGallery, small)) hits.both++;
}
const share = (count: number) => (count / registered.length).toFixed(3);
keypoints.sort((a, b) => a - b);
console.log(`set: ${set} (${registered.length} field photos of registered objects, ${truth.gallery.length} registered photos); small = ${shortSide} px on the short side`);
console.log(`top-1  both full size ${share(hits.full)} | field photo small ${share(hits.smallQuery)} | registered photo small ${share(hits.smallGallery)} | both small ${share(hits.both)}`);
console.log(`keypoints of the small field photos: median ${keypoints[keypoints.length >> 1]}, min ${keypoints[0]}`);
