// Photo search on field photos nobody here made (the development set in ../shared/eval/photos, and the held-out
// photos of bench/field-photos.ts), through the API's own path, beside an exhaustive ORB baseline run alongside.
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { normalisePhoto } from '../functions/images/photo.ts';
import { searchIndexes } from '../functions/matching/registry-index.ts';
import { fingerprintPhoto } from '../functions/matching/photo/fingerprint.ts';
import { createPhotoIndex } from '../functions/matching/photo/photo-index.ts';
import { fingerprintQueryPhoto } from '../functions/matching/query-photo.ts';
import { createTextIndex } from '../functions/matching/text/text-index.ts';
import { alertThreshold } from '../functions/matching/combine.ts';
import type { BaselineAnswer, BaselineJob } from './photo-eval-baseline.ts';
import { evalSets, type EvalSet } from './photo-eval-sets.ts';

const withBaseline = process.env.BENCH_BASELINE !== '0';

interface Outcome {
  query: string;
  expected: string | null;
  tags: string[];
  first: string | undefined;
  score: number;
  verified: boolean;
  fingerprintMs: number;
  searchMs: number;
  baseline?: { first: string | undefined; score: number };
}

const fixed = (value: number, digits = 3) => value.toFixed(digits);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] as number;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

function baselineOf(set: EvalSet): Promise<Map<string, BaselineAnswer>> {
  if (!withBaseline) return Promise.resolve(new Map());
  const started = performance.now();
  const job: BaselineJob = {
    gallery: set.gallery.map(({ id, path }) => ({ id, path })),
    queries: set.queries.map(({ id, path }) => ({ id, path })),
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./photo-eval-baseline.ts', import.meta.url), { workerData: job });
    worker.once('message', (answers: BaselineAnswer[]) => {
      console.log(`(${set.name}: the ORB baseline matched ${set.queries.length} photos against ${set.gallery.length} in ${fixed((performance.now() - started) / 1000, 0)} s)`);
      resolve(new Map(answers.map((answer) => [answer.query, answer])));
    });
    worker.once('error', reject);
  });
}

async function evaluate(set: EvalSet): Promise<{ outcomes: Outcome[]; registerMs: number[] }> {
  const baseline = baselineOf(set);
  const photo = createPhotoIndex();
  const text = createTextIndex();
  const registerMs: number[] = [];
  // Registered as the image processor does: normalised, then fingerprinted from the normalised JPEG.
  for (const entry of set.gallery) {
    const normalised = await normalisePhoto(await readFile(entry.path));
    const t = performance.now();
    const fingerprint = await fingerprintPhoto(normalised.normalised);
    registerMs.push(performance.now() - t);
    photo.upsert(entry.id, 'front', fingerprint);
  }
  const outcomes: Outcome[] = [];
  for (const entry of set.queries) {
    const bytes = await readFile(entry.path);
    let t = performance.now();
    // As POST /v1/search { imageKey } does: the same checks and normalisation, then the registry's search.
    const fingerprint = await fingerprintQueryPhoto(bytes, 'imageKey', { fingerprint: fingerprintPhoto });
    const fingerprintMs = performance.now() - t;
    t = performance.now();
    const candidates = await searchIndexes({ text, photo, isSought: () => true }, { photos: [fingerprint] }, 100);
    const searchMs = performance.now() - t;
    const verifiedIds = new Set(
      candidates.filter((candidate) => candidate.reasons.some((reason) => /geometrically consistent/.test(reason.detail))).map((candidate) => candidate.objectId),
    );
    const [best] = candidates;
    outcomes.push({
      query: entry.id,
      expected: entry.expected,
      tags: entry.tags,
      first: best?.objectId,
      score: best?.score ?? 0,
      verified: entry.expected !== null && verifiedIds.has(entry.expected),
      fingerprintMs,
      searchMs,
    });
  }
  const answers = await baseline;
  for (const outcome of outcomes) {
    const answer = answers.get(outcome.query);
    if (answer) outcome.baseline = { first: answer.best, score: answer.inliers };
  }
  return { outcomes, registerMs };
}

type Side = 'ours' | 'baseline';
const firstOf = (outcome: Outcome, side: Side) => (side === 'ours' ? outcome.first : outcome.baseline?.first);
const scoreOf = (outcome: Outcome, side: Side) => (side === 'ours' ? outcome.score : (outcome.baseline?.score ?? 0));

/** The lowest score that at most 1% of the photos of unregistered objects reach. */
function thresholdAtOnePercent(negatives: Outcome[], side: Side): number {
  const scores = negatives.map((outcome) => scoreOf(outcome, side)).sort((a, b) => b - a);
  const firstRefused = scores[Math.floor(negatives.length * 0.01)] ?? -Infinity;
  return firstRefused + 1e-9;
}

function report(set: EvalSet, outcomes: Outcome[], registerMs: number[]): void {
  const positives = outcomes.filter((outcome) => outcome.expected !== null);
  const negatives = outcomes.filter((outcome) => outcome.expected === null);
  const sides: Side[] = withBaseline ? ['ours', 'baseline'] : ['ours'];
  const thresholds = Object.fromEntries(sides.map((side) => [side, thresholdAtOnePercent(negatives, side)])) as Record<Side, number>;
  const top1 = (of: Outcome[], side: Side) => of.filter((outcome) => firstOf(outcome, side) === outcome.expected).length / Math.max(1, of.length);
  const recall = (of: Outcome[], side: Side) =>
    of.filter((outcome) => firstOf(outcome, side) === outcome.expected && scoreOf(outcome, side) >= thresholds[side]).length / Math.max(1, of.length);
  const shortlisted = (of: Outcome[]) => of.filter((outcome) => outcome.verified).length / Math.max(1, of.length);

  console.log(`\n=== ${set.name}: ${set.gallery.length} registered photos, ${positives.length} field photos of registered objects, ${negatives.length} of unregistered ===`);
  console.log(`condition (${set.name})`.padEnd(34) + '    n   top-1  recall@1%FM  shortlist' + (withBaseline ? '     ORB top-1    ORB recall@1%FM' : ''));
  const conditions = [['overall', positives] as const, ...set.conditions.map((tag) => [tag, positives.filter((outcome) => outcome.tags.includes(tag))] as const)];
  for (const [name, of] of conditions) {
    if (of.length === 0) continue;
    const ours = `${fixed(top1(of, 'ours')).padStart(7)}  ${fixed(recall(of, 'ours')).padStart(11)}  ${fixed(shortlisted(of)).padStart(9)}`;
    const theirs = withBaseline ? `   ${fixed(top1(of, 'baseline')).padStart(11)}  ${fixed(recall(of, 'baseline')).padStart(17)}` : '';
    console.log(`${name.padEnd(34)}${String(of.length).padStart(5)} ${ours}${theirs}`);
  }
  const falseAt = (side: Side, threshold: number) => negatives.filter((outcome) => scoreOf(outcome, side) >= threshold).length / Math.max(1, negatives.length);
  console.log(
    `thresholds at <= 1% false matches (${set.name}): ours ${fixed(thresholds.ours)}` + (withBaseline ? `, ORB baseline ${fixed(thresholds.baseline, 0)} inliers` : ''),
  );
  console.log(
    `at the registry's alert threshold ${alertThreshold} (${set.name}): false matches ${fixed(falseAt('ours', alertThreshold))}, ` +
      `recall ${fixed(positives.filter((outcome) => outcome.first === outcome.expected && outcome.score >= alertThreshold).length / Math.max(1, positives.length))}`,
  );
  const queryMs = outcomes.map((outcome) => outcome.fingerprintMs);
  const searchMs = outcomes.map((outcome) => outcome.searchMs);
  console.log(
    `times (${set.name}, ms, mean / p99): fingerprint registered ${fixed(mean(registerMs), 0)} / ${fixed(percentile(registerMs, 0.99), 0)}, ` +
      `query photo ${fixed(mean(queryMs), 0)} / ${fixed(percentile(queryMs, 0.99), 0)}, search ${fixed(mean(searchMs), 0)} / ${fixed(percentile(searchMs, 0.99), 0)}`,
  );
}

const started = performance.now();
const only = process.env.BENCH_SETS?.split(',');
for (const set of await evalSets()) {
  if (only && !only.includes(set.name)) continue;
  const { outcomes, registerMs } = await evaluate(set);
  report(set, outcomes, registerMs);
}
console.log(`\ntotal ${fixed((performance.now() - started) / 1000, 0)} s`);
