// Photo shortlist latency and memory at 10k, 100k and 1M images (global descriptors and the inverted file of visual
// words), beside a float linear scan of the global descriptors; fingerprinting and verification cost apart. Each
// query carries four global descriptors, as query photos do, and the visual words of a real field photo's keypoints.
import { fingerprintPhoto } from '../functions/matching/photo/fingerprint.ts';
import { globalDimensions, quantisationScale } from '../functions/matching/photo/global-descriptor.ts';
import { createPhotoIndex, photoIndexFromSnapshot, type PhotoIndexSnapshot } from '../functions/matching/photo/photo-index.ts';
import { verifyMatch } from '../functions/matching/photo/verify.ts';
import { vocabularySize } from '../functions/matching/photo/visual-words.ts';
import { fieldPhoto, registeredPhoto, syntheticObjects, type SyntheticObject } from '../test/fixtures/photo-corpus.ts';
import { seededRandom } from '../test/fixtures/random.ts';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000,300000,1000000').split(',').map(Number);
const queries = 200;
const shortlistSize = 20;
const wordShortlistSize = 60;
// A registered photo's 500 keypoints fall on about this many distinct words.
const wordsPerImage = 420;
const random = seededRandom(42);

function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

// Real descriptors cluster (objects of one kind look alike), so vectors are drawn around a thousand centres.
const centres = Array.from({ length: 1000 }, () => Float64Array.from({ length: globalDimensions }, gaussian));
function descriptorNear(centre: Float64Array, spread: number): Int8Array {
  const values = Array.from(centre, (value) => value + spread * gaussian());
  const norm = Math.hypot(...values);
  return Int8Array.from(values, (value) => Math.max(-127, Math.min(127, Math.round((value / norm) * quantisationScale))));
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] as number;
const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const fixed = (value: number, digits = 1) => value.toFixed(digits);

// This machine is shared: CPU time of this (single-threaded) search is what it would take on an idle core.
async function timed(work: () => unknown): Promise<{ wall: number; cpu: number }> {
  const [wall, cpu] = [performance.now(), process.cpuUsage()];
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
}

function floatScan(floats: Float32Array, count: number, queries: Float32Array[]): number[] {
  const best: { slot: number; similarity: number }[] = [];
  for (let slot = 0; slot < count; slot++) {
    let dot = -Infinity;
    for (const query of queries) {
      let sum = 0;
      for (let d = 0; d < globalDimensions; d++) sum += (query[d] as number) * (floats[slot * globalDimensions + d] as number);
      dot = Math.max(dot, sum);
    }
    if (best.length === shortlistSize && dot <= (best[shortlistSize - 1] as { similarity: number }).similarity) continue;
    best.push({ slot, similarity: dot });
    best.sort((a, b) => b.similarity - a.similarity);
    if (best.length > shortlistSize) best.pop();
  }
  return best.map((entry) => entry.slot);
}

// Words are not equally common: a skewed draw over the vocabulary, so that common words have long posting lists.
function imageWords(): Uint16Array {
  const chosen = new Set<number>();
  while (chosen.size < wordsPerImage) chosen.add(Math.floor(vocabularySize * random() ** 1.6));
  return Uint16Array.from(chosen).sort();
}

const fieldObject = syntheticObjects(1, 77)[0] as SyntheticObject;
const fieldQuery = await fingerprintPhoto(await fieldPhoto(fieldObject, 'background', 1), { query: true });

// Fingerprinting a registered photo and a query photo of the synthetic corpus (800 px photos).
const fingerprintMs: { stored: number[]; query: number[] } = { stored: [], query: [] };
for (const object of syntheticObjects(10, 5)) {
  const registered = await registeredPhoto(object);
  fingerprintMs.stored.push((await timed(() => fingerprintPhoto(registered))).cpu);
  const field = await fieldPhoto(object, 'background', 3);
  fingerprintMs.query.push((await timed(() => fingerprintPhoto(field, { query: true }))).cpu);
}
console.log(
  `fingerprinting (synthetic corpus), cpu p50 / max: registered photo ${fixed(percentile(fingerprintMs.stored, 0.5), 0)} / ${fixed(Math.max(...fingerprintMs.stored), 0)} ms, ` +
    `query photo ${fixed(percentile(fingerprintMs.query, 0.5), 0)} / ${fixed(Math.max(...fingerprintMs.query), 0)} ms\n`,
);

console.log('images     load cpu  snapshot  memory   shortlist cpu p50   p99 (wall p99)   float scan cpu p50   p99   ratio p50');
for (const size of sizes) {
  const vectors = new Int8Array(size * globalDimensions);
  const objectIds: string[] = [];
  const words = new Uint16Array(size * wordsPerImage);
  for (let i = 0; i < size; i++) {
    vectors.set(descriptorNear(centres[i % centres.length] as Float64Array, 0.8), i * globalDimensions);
    objectIds.push(`object-${String(i).padStart(7, '0')}`);
    words.set(imageWords(), i * wordsPerImage);
  }
  // The snapshot is one JSON document (index-store.ts): past some size it no longer fits one V8 string.
  let json: string;
  try {
    json = JSON.stringify({
    version: 2,
    dimensions: globalDimensions,
    objectIds,
    imageIds: objectIds.map(() => 'front'),
    vectors: Buffer.from(vectors.buffer).toString('base64'),
    wordCounts: Buffer.from(new Uint16Array(size).fill(wordsPerImage).buffer).toString('base64'),
      words: Buffer.from(words.buffer).toString('base64'),
    } satisfies PhotoIndexSnapshot);
  } catch (error) {
    console.log(`${String(size).padStart(9)}  the snapshot does not fit one JSON string: ${String(error)}`);
    break;
  }

  globalThis.gc?.();
  const before = process.memoryUsage();
  let index = createPhotoIndex();
  const load = await timed(() => (index = photoIndexFromSnapshot(JSON.parse(json) as PhotoIndexSnapshot, { shortlistSize, wordShortlistSize })));
  globalThis.gc?.();
  const after = process.memoryUsage();
  const heldBytes = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;

  const floats = Float32Array.from(vectors, (value) => value / quantisationScale);
  const ours: number[] = [];
  const oursWall: number[] = [];
  const naive: number[] = [];
  for (let q = 0; q < queries; q++) {
    const centre = centres[Math.floor(random() * centres.length)] as Float64Array;
    const [global, ...alternates] = Array.from({ length: 4 }, () => Array.from(descriptorNear(centre, 0.8))) as [number[], ...number[][]];
    // A real field photo's keypoints and no loader: search stops after the shortlist, which is what this measures.
    const query = { ...fieldQuery, global, alternates };
    const search = await timed(() => index.search(query, 10));
    ours.push(search.cpu);
    oursWall.push(search.wall);
    const floatQueries = [global, ...alternates].map((descriptor) => Float32Array.from(descriptor, (value) => value / quantisationScale));
    naive.push((await timed(() => floatScan(floats, size, floatQueries))).cpu);
  }
  console.log(
    `${String(size).padStart(9)}  ${fixed(load.cpu, 0).padStart(8)} ms  ${megabytes(json.length).padStart(5)} MB  ${megabytes(heldBytes).padStart(4)} MB` +
      `   ${fixed(percentile(ours, 0.5)).padStart(13)} ms ${fixed(percentile(ours, 0.99)).padStart(5)} ms (${fixed(percentile(oursWall, 0.99))} ms)` +
      `   ${fixed(percentile(naive, 0.5)).padStart(14)} ms ${fixed(percentile(naive, 0.99)).padStart(5)} ms` +
      `   ${fixed(percentile(ours, 0.5) / percentile(naive, 0.5), 2).padStart(6)}`,
  );
}

// Verification does not depend on the index size: the same shortlist of real fingerprints at any scale.
const verified = shortlistSize + wordShortlistSize;
const objects = syntheticObjects(verified, 7);
const stored = [];
for (const object of objects) stored.push(await fingerprintPhoto(await registeredPhoto(object)));
const verifyMs: number[] = [];
const verifyWall: number[] = [];
for (let q = 0; q < 10; q++) {
  const query = await fingerprintPhoto(await fieldPhoto(objects[q] as (typeof objects)[number], q % 2 ? 'crop' : 'mirror', q), { query: true });
  const { cpu, wall } = await timed(() => stored.forEach((candidate) => verifyMatch(query, candidate)));
  verifyMs.push(cpu);
  verifyWall.push(wall);
}
console.log(
  `\nverifying a shortlist of ${verified} (direct and mirror image): cpu p50 ${fixed(percentile(verifyMs, 0.5))} ms, ` +
    `p99 ${fixed(percentile(verifyMs, 0.99))} ms (wall p99 ${fixed(percentile(verifyWall, 0.99))} ms)`,
);
