// Photo search at 10k, 100k, 300k and 1M registered images: the snapshot's size and load time, the memory the index
// holds, and a whole query's CPU time (shortlist by visual words and global descriptor, then geometric verification of
// the shortlist with each candidate's local features fetched as from the table), beside a linear scan of the global
// descriptors in the same run. Then fingerprinting a photo, stage by stage.
//
// The registered images are synthetic, built from real descriptors: the development set's 138 registered photos
// (../shared/eval/photos/gallery) are fingerprinted, and each synthetic image takes a random half of the keypoints of
// one of them and a random half of another's (real ORB descriptors at real positions, so real visual words with their
// real frequencies), and the first one's global descriptor with noise. Queries are the set's real field photos.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { normalisePhoto } from '../functions/images/photo.ts';
import { fingerprintPhoto, type PhotoFingerprint } from '../functions/matching/photo/fingerprint.ts';
import { globalDimensions } from '../functions/matching/photo/global-descriptor.ts';
import { descriptorBytes, detectFeatures, unpackFeatures, type LocalFeatures } from '../functions/matching/photo/local-features.ts';
import { photoIndexFromSnapshot, type PhotoIndexSnapshot } from '../functions/matching/photo/photo-index.ts';
import { keypointWords, type KeypointWords, sortedByWord } from '../functions/matching/photo/visual-words.ts';
import { fingerprintQueryPhoto } from '../functions/matching/query-photo.ts';
import { decodeIndexSnapshot, encodeIndexSnapshot } from '../functions/matching/snapshot-file.ts';
import { seededRandom } from '../test/fixtures/random.ts';
import { evalSets } from './photo-eval-sets.ts';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000,300000,1000000').split(',').map(Number);
const queryCount = Number(process.env.BENCH_QUERIES ?? 100);
const scanQueries = 20;
const random = seededRandom(42);
const set = (await evalSets())[0]!;
const setName = `${set.name} (${set.gallery.length} registered photos, ${set.queries.length} field photos)`;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] as number;
const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const fixed = (value: number, digits = 0) => value.toFixed(digits);

// This machine is shared: CPU time (of the whole process, sharp's threads included) is what the work would take on
// idle cores; wall time is printed beside it.
async function timed<T>(work: () => T | Promise<T>): Promise<{ result: T; wall: number; cpu: number }> {
  const [wall, cpu] = [performance.now(), process.cpuUsage()];
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { result, wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
}

// --- The real material: registered photos as the image processor fingerprints them, field photos as a search does.
const pool: { fingerprint: PhotoFingerprint; keypoints: KeypointWords; points: Uint16Array; descriptors: Uint8Array }[] = [];
for (const entry of set.gallery) {
  const fingerprint = await fingerprintPhoto((await normalisePhoto(await readFile(entry.path))).normalised);
  const points = Buffer.from(fingerprint.local.points, 'base64');
  pool.push({
    fingerprint,
    keypoints: keypointWords(unpackFeatures(fingerprint.local).words),
    points: new Uint16Array(points.buffer.slice(points.byteOffset, points.byteOffset + points.length)),
    descriptors: Buffer.from(fingerprint.local.descriptors, 'base64'),
  });
}
const queryPhotos = set.queries.slice(0, queryCount);
const queries: PhotoFingerprint[] = [];
for (const entry of queryPhotos) queries.push(await fingerprintQueryPhoto(await readFile(entry.path), 'imageKey', { fingerprint: fingerprintPhoto }));

// --- Synthetic image `slot`: a random half of pool photo a's keypoints and of pool photo b's, drawn from a seed of
// its own, so that its words (in the snapshot) and its local features (fetched at verification) agree.
function keypointsOf(slot: number): { a: number; chosen: [number, number][] } {
  const draw = seededRandom(slot * 7919 + 17);
  const a = slot % pool.length;
  const b = Math.floor(draw() * pool.length);
  const chosen: [number, number][] = [];
  for (const photo of [a, b]) {
    const count = pool[photo]!.keypoints.words.length;
    for (let k = 0; k < count; k++) if (draw() < 0.5) chosen.push([photo, k]);
  }
  return { a, chosen };
}

function localFeaturesOf(slot: number): LocalFeatures {
  const { a, chosen } = keypointsOf(slot);
  const points = new Uint16Array(chosen.length * 2);
  const descriptors = new Uint8Array(chosen.length * descriptorBytes);
  chosen.forEach(([photo, k], n) => {
    const source = pool[photo]!;
    points.set(source.points.subarray(k * 2, k * 2 + 2), n * 2);
    descriptors.set(source.descriptors.subarray(k * descriptorBytes, (k + 1) * descriptorBytes), n * descriptorBytes);
  });
  const { width, height } = pool[a]!.fingerprint.local;
  return { width, height, points: Buffer.from(points.buffer).toString('base64'), descriptors: Buffer.from(descriptors).toString('base64') };
}

function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function snapshotOf(size: number): PhotoIndexSnapshot {
  const vectors = new Int8Array(size * globalDimensions);
  const keypointCounts = new Uint16Array(size);
  const perImage: KeypointWords[] = [];
  let total = 0;
  for (let slot = 0; slot < size; slot++) {
    const { a, chosen } = keypointsOf(slot);
    const keypoints = sortedByWord({
      words: Uint16Array.from(chosen, ([photo, k]) => pool[photo]!.keypoints.words[k] as number),
      signatures: Uint16Array.from(chosen, ([photo, k]) => pool[photo]!.keypoints.signatures[k] as number),
    });
    perImage.push(keypoints);
    keypointCounts[slot] = chosen.length;
    total += chosen.length;
    const base = pool[a]!.fingerprint.global;
    for (let d = 0; d < globalDimensions; d++) vectors[slot * globalDimensions + d] = Math.max(-127, Math.min(127, Math.round((base[d] as number) + 6 * gaussian())));
  }
  const [words, signatures] = [new Uint16Array(total), new Uint16Array(total)];
  let at = 0;
  for (const keypoints of perImage) {
    words.set(keypoints.words, at);
    signatures.set(keypoints.signatures, at);
    at += keypoints.words.length;
  }
  const objectIds = Array.from({ length: size }, (_, slot) => `00000000-0000-4000-8000-${String(slot).padStart(12, '0')}`);
  return { version: 4, dimensions: globalDimensions, objectIds, imageIds: objectIds.map(() => 'front'), vectors: new Uint8Array(vectors.buffer), keypointCounts, words, signatures };
}

/** The baseline: the best dot product over the query's global descriptors, every image, in plain JavaScript. */
function globalScan(vectors: Int8Array, count: number, descriptors: number[][]): number {
  let best = -Infinity;
  let bestSlot = -1;
  for (let slot = 0; slot < count; slot++) {
    for (const query of descriptors) {
      let sum = 0;
      for (let d = 0; d < globalDimensions; d++) sum += (query[d] as number) * (vectors[slot * globalDimensions + d] as number);
      if (sum > best) [best, bestSlot] = [sum, slot];
    }
  }
  return bestSlot;
}

console.log(`photo search at scale: synthetic registered images from the real descriptors of ${setName}; ${queries.length} of its field photos as queries`);
console.log('images   snapshot  write cpu  load cpu  index memory (rss)   query cpu p50    p99   (wall p99)  verified  global scan p50  ratio');
for (const size of sizes) {
  const built = snapshotOf(size);
  const write = await timed(() => encodeIndexSnapshot({ builtAt: new Date(0).toISOString(), sought: built.objectIds, text: '', photo: built }));
  const file = write.result;
  globalThis.gc?.();
  const before = process.memoryUsage();
  const load = await timed(() => photoIndexFromSnapshot(decodeIndexSnapshot(file).photo, { keepLocalFeatures: false }));
  const index = load.result;
  globalThis.gc?.();
  const after = process.memoryUsage();
  const held = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;

  // Local features come from the table in production (one read per candidate, waited on, not computed): here each
  // query runs once to gather its candidates' features, then again timed with them at hand.
  const fetched = new Map<string, Pick<PhotoFingerprint, 'local'>>();
  const loadLocal = async (objectId: string) => {
    let features = fetched.get(objectId);
    if (!features) fetched.set(objectId, (features = { local: localFeaturesOf(Number(objectId.slice(-12))) }));
    return features;
  };
  const cpu: number[] = [];
  const wall: number[] = [];
  const verified: number[] = [];
  for (const query of queries) {
    fetched.clear();
    await index.search(query, 10, loadLocal);
    verified.push(fetched.size);
    const search = await timed(() => index.search(query, 10, loadLocal));
    cpu.push(search.cpu);
    wall.push(search.wall);
  }
  const vectors = new Int8Array(built.vectors.buffer, built.vectors.byteOffset, built.vectors.length);
  const scan: number[] = [];
  for (const query of queries.slice(0, scanQueries)) scan.push((await timed(() => globalScan(vectors, size, [query.global, ...(query.alternates ?? [])]))).cpu);
  console.log(
    `${String(size).padStart(8)} ${megabytes(file.length).padStart(6)} MB ${fixed(write.cpu).padStart(8)} ms ${fixed(load.cpu).padStart(7)} ms` +
      ` ${megabytes(held).padStart(7)} MB (${megabytes(after.rss).padStart(5)} MB)` +
      ` ${fixed(percentile(cpu, 0.5)).padStart(10)} ms ${fixed(percentile(cpu, 0.99)).padStart(5)} ms (${fixed(percentile(wall, 0.99)).padStart(5)} ms)` +
      ` ${fixed(percentile(verified, 0.5)).padStart(8)} ${fixed(percentile(scan, 0.5)).padStart(13)} ms ${fixed(percentile(cpu, 0.5) / percentile(scan, 0.5), 2).padStart(6)}`,
  );
}

// --- Fingerprinting, on the set's own photos and on the same field photos as a 12-megapixel phone sends them.
const fingerprintRuns = 20;
const stages: Record<string, number[]> = {};
const record = (stage: string, value: number) => (stages[stage] ??= []).push(value);
for (const entry of set.gallery.slice(0, fingerprintRuns)) {
  const bytes = await readFile(entry.path);
  const normalised = await timed(() => normalisePhoto(bytes));
  const fingerprint = await timed(() => fingerprintPhoto(normalised.result.normalised));
  record('registered photo: normalise', normalised.cpu);
  record('registered photo: fingerprint', fingerprint.cpu);
}
for (const entry of queryPhotos.slice(0, fingerprintRuns)) {
  const bytes = await readFile(entry.path);
  const phone = await sharp(bytes).resize(4032, 3024, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer();
  for (const [name, photo] of [['field photo', bytes], ['12 MP field photo', phone]] as const) {
    const whole = await timed(() => fingerprintQueryPhoto(photo, 'imageKey', { fingerprint: fingerprintPhoto }));
    record(`${name}: normalise and fingerprint`, whole.cpu);
    record(`${name}: same, wall`, whole.wall);
  }
  // Stage by stage, on the normalised photo: decoding and resizing, ORB (direct and mirror image), visual words.
  const { normalised } = await normalisePhoto(bytes);
  const grey = await timed(async () => {
    const { data, info } = await sharp(normalised).autoOrient().resize({ width: 768, height: 768, fit: 'inside' }).greyscale().raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  });
  record('stage: decode and resize to 768 px', grey.cpu);
  const orb = await timed(() => detectFeatures(grey.result, 1500));
  record('stage: ORB, 1,500 keypoints at 768 px (one of two)', orb.cpu);
  const unpacked = unpackFeatures(orb.result).words;
  record('stage: visual words and signatures of 1,500 keypoints (at search)', (await timed(() => keypointWords(unpacked))).cpu);
}
console.log(`\nfingerprinting (${setName}, ${fingerprintRuns} photos each), cpu ms p50 / max:`);
for (const [stage, values] of Object.entries(stages)) console.log(`  ${stage.padEnd(58)} ${fixed(percentile(values, 0.5)).padStart(5)} / ${fixed(Math.max(...values)).padStart(5)}`);
