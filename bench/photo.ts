// Photo matching accuracy on a generated corpus, beside a perceptual-hash baseline measured in the same run.
import { createRequire } from 'node:module';
import { fingerprintPhoto } from '../functions/matching/photo/fingerprint.ts';
import { createPhotoIndex, photoAlertThreshold } from '../functions/matching/photo/photo-index.ts';
import {
  fieldPhoto,
  fieldTransformations,
  registeredPhoto,
  syntheticObjects,
  type FieldTransformation,
  type SyntheticObject,
} from '../test/fixtures/photo-corpus.ts';

// The package's types declare an ES default export, but it is a CommonJS function: required, so both agree.
const phash = createRequire(import.meta.url)('sharp-phash') as typeof import('sharp-phash').default;

const registeredCount = Number(process.env.BENCH_OBJECTS ?? 300);
const photosPerObject = 3;
const unregisteredCount = Number(process.env.BENCH_UNREGISTERED ?? 300);

interface Outcome {
  kind: FieldTransformation;
  expected: string | undefined;
  ours: { objectId: string | undefined; score: number };
  baseline: { objectId: string | undefined; score: number };
}

const hamming = (a: string, b: string) => {
  let distance = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) distance++;
  return distance;
};
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] as number;
const fixed = (value: number, digits = 3) => value.toFixed(digits);
// Every figure names its set: this corpus flatters (whole-frame changes of the registered photo); field photos are
// measured by bench/photo-eval.ts.
const corpus = 'synthetic corpus, test/fixtures/photo-corpus.ts';

const started = performance.now();
const registered = syntheticObjects(registeredCount, 1, 10);
const unregistered = syntheticObjects(unregisteredCount, 2, Number.MAX_SAFE_INTEGER, 'unregistered');
const index = createPhotoIndex();
const hashes = new Map<string, string>();
const fingerprintMs: number[] = [];
const queryFingerprintMs: number[] = [];
const searchMs: number[] = [];

for (const object of registered) {
  const photo = await registeredPhoto(object);
  const t = performance.now();
  const fingerprint = await fingerprintPhoto(photo);
  fingerprintMs.push(performance.now() - t);
  index.upsert(object.id, 'front', fingerprint);
  hashes.set(object.id, await phash(photo));
}
console.log(`indexed ${registered.length} registered objects in ${fixed((performance.now() - started) / 1000, 0)} s`);

async function query(object: SyntheticObject, kind: FieldTransformation, seed: number, expected: string | undefined): Promise<Outcome> {
  const photo = await fieldPhoto(object, kind, seed);
  let t = performance.now();
  const fingerprint = await fingerprintPhoto(photo, { query: true });
  queryFingerprintMs.push(performance.now() - t);
  t = performance.now();
  const [best] = await index.search(fingerprint, 5);
  searchMs.push(performance.now() - t);
  const hash = await phash(photo);
  let baseline = { objectId: undefined as string | undefined, score: -Infinity };
  for (const [objectId, stored] of hashes) {
    const similarity = 1 - hamming(hash, stored) / 64;
    if (similarity > baseline.score) baseline = { objectId, score: similarity };
  }
  return { kind, expected, ours: { objectId: best?.objectId, score: best?.score ?? 0 }, baseline };
}

const outcomes: Outcome[] = [];
for (const [i, object] of registered.entries()) {
  for (let j = 0; j < photosPerObject; j++) {
    const kind = fieldTransformations[(i * photosPerObject + j) % fieldTransformations.length] as FieldTransformation;
    outcomes.push(await query(object, kind, i * 100 + j, object.id));
  }
}
for (const [i, object] of unregistered.entries()) {
  outcomes.push(await query(object, fieldTransformations[i % fieldTransformations.length] as FieldTransformation, 50_000 + i, undefined));
}

const positives = outcomes.filter((outcome) => outcome.expected !== undefined);
const negatives = outcomes.filter((outcome) => outcome.expected === undefined);
type Side = 'ours' | 'baseline';
const top1 = (side: Side, of: Outcome[]) => of.filter((outcome) => outcome[side].objectId === outcome.expected).length / of.length;

/** The lowest threshold at which at most 1% of unregistered photos still match something. */
function thresholdAtOnePercent(side: Side): number {
  const scores = negatives.map((outcome) => outcome[side].score).sort((a, b) => b - a);
  const allowed = Math.floor(negatives.length * 0.01);
  const firstRefused = scores[allowed] ?? -Infinity;
  // Strictly above the first refused score: ties with it would be refused too.
  return firstRefused + 1e-9;
}
const recallAt = (side: Side, threshold: number) =>
  positives.filter((outcome) => outcome[side].objectId === outcome.expected && outcome[side].score >= threshold).length / positives.length;
const falseMatchesAt = (side: Side, threshold: number) =>
  negatives.filter((outcome) => outcome[side].score >= threshold).length / negatives.length;

console.log(`\n${corpus}: ${positives.length} field photos of registered objects, ${negatives.length} of unregistered objects\n`);
console.log(`top-1 accuracy (${corpus})      two-stage   pHash`);
for (const kind of fieldTransformations) {
  const ofKind = positives.filter((outcome) => outcome.kind === kind);
  console.log(`${kind.padEnd(12)} (n=${String(ofKind.length).padStart(3)})  ${fixed(top1('ours', ofKind))}      ${fixed(top1('baseline', ofKind))}`);
}
console.log(`${'overall'.padEnd(12)} (n=${String(positives.length).padStart(3)})  ${fixed(top1('ours', positives))}      ${fixed(top1('baseline', positives))}`);

const ourThreshold = thresholdAtOnePercent('ours');
const baselineThreshold = thresholdAtOnePercent('baseline');
const ourRecall = recallAt('ours', ourThreshold);
const baselineRecall = recallAt('baseline', baselineThreshold);
console.log(`\nat <= 1% false matches (${corpus})   threshold  false matches  recall`);
console.log(`two-stage                ${fixed(ourThreshold)}      ${fixed(falseMatchesAt('ours', ourThreshold))}          ${fixed(ourRecall)}`);
console.log(`pHash (1 - hamming/64)   ${fixed(baselineThreshold)}      ${fixed(falseMatchesAt('baseline', baselineThreshold))}          ${fixed(baselineRecall)}`);
console.log(`recall ratio             ${baselineRecall > 0 ? fixed(ourRecall / baselineRecall, 1) : 'infinite'}×`);
console.log(
  `at photoAlertThreshold ${photoAlertThreshold} (${corpus}): false matches ${fixed(falseMatchesAt('ours', photoAlertThreshold))}, recall ${fixed(recallAt('ours', photoAlertThreshold))}`,
);
const worstNegative = Math.max(...negatives.map((outcome) => outcome.ours.score));
console.log(`highest score of an unregistered photo (${corpus}): ${fixed(worstNegative)}`);

console.log(`\ntimings (ms, ${corpus})                  mean    p99`);
console.log(`fingerprint, stored image    ${fixed(mean(fingerprintMs), 1).padStart(6)}  ${fixed(percentile(fingerprintMs, 0.99), 1).padStart(6)}`);
console.log(`fingerprint, query photo     ${fixed(mean(queryFingerprintMs), 1).padStart(6)}  ${fixed(percentile(queryFingerprintMs, 0.99), 1).padStart(6)}`);
console.log(`search (${registered.length} objects) ${fixed(mean(searchMs), 1).padStart(6)}  ${fixed(percentile(searchMs, 0.99), 1).padStart(6)}`);
console.log(`\ntotal ${fixed((performance.now() - started) / 1000, 0)} s`);
