// How well the matched region outlines the object: synthetic objects placed at random on busy scenes beside another
// object, searched in memory; the region against the placement (own fixtures, not used to choose any setting).
import { fingerprintPhoto } from '../functions/matching/photo/fingerprint.ts';
import { createPhotoIndex } from '../functions/matching/photo/photo-index.ts';
import { seededRandom } from '../test/fixtures/random.ts';
import { placedFieldPhoto, registeredPhoto, syntheticObjects, type Placement } from '../test/fixtures/photo-corpus.ts';

const count = Number(process.env.BENCH_OBJECTS ?? 30);
const objects = syntheticObjects(count + 1, 8080, 0, 'placed');
const decoy = objects[count]!;
const index = createPhotoIndex();
for (const object of objects.slice(0, count)) index.upsert(object.id, 'front', await fingerprintPhoto(await registeredPhoto(object)));

const area = (box: Placement) => box.width * box.height;
function overlap(a: Placement, b: Placement): number {
  const width = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const height = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  return width * height;
}

const random = seededRandom(4711);
let first = 0;
const inside: number[] = [];
const covered: number[] = [];
for (const [n, object] of objects.slice(0, count).entries()) {
  // A third to two thirds of the frame's width, in its right part (the decoy takes the left).
  const width = 0.33 + random() * 0.2;
  const height = Math.min(0.9, width * (960 / 720) * (0.8 + random() * 0.4));
  const placement = { x: 0.4 + random() * (0.58 - width), y: random() * (1 - height), width, height };
  const [best] = await index.search(await fingerprintPhoto(await placedFieldPhoto(object, placement, decoy, n), { query: true }), 1);
  if (best?.objectId !== object.id) continue;
  first++;
  const region = best.reasons.find((reason) => reason.region)?.region;
  if (!region) continue;
  inside.push(overlap(region, placement) / area(region));
  covered.push(overlap(region, placement) / area(placement));
}
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
console.log(`own fixtures: ${count} synthetic objects placed off-centre on busy scenes beside another object`);
console.log(`found first ${first}/${count}; with a region ${inside.length}; region inside the object: mean ${mean(inside).toFixed(3)}, min ${Math.min(...inside).toFixed(3)}; object covered by the region: mean ${mean(covered).toFixed(3)}`);
