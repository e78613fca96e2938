// Fits the text matcher's evidence weights by logistic regression on labelled (report, object) pairs and writes them to
// functions/matching/text/text-weights.ts: `node scripts/fit-text-weights.ts`. Fitted on the development set (../shared/eval/text)
// and the tuning part of our own reports; the held-out part of our own reports is never read here. Besides every pair of those
// small registries, each report is searched among the real records of ../shared/data (bench/registry-distractors.ts) and the
// candidates it gets there, scored with that registry's word rarities, are fitted too: shared common words are no match at scale.
import { readFileSync, writeFileSync } from 'node:fs';
import type { IndexedObject, TextQuery } from '../functions/matching/model.ts';
import { objectFeatures, queryFeatures, type ObjectFeatures } from '../functions/matching/text/features.ts';
import { evidenceNames, evidenceOf, findingsFor, registryOver, type EvidenceName } from '../functions/matching/text/score.ts';
import { registered } from '../bench/text-eval.ts';
import { distractorRecords } from '../bench/registry-distractors.ts';
import { createTextIndex } from '../functions/matching/text/text-index.ts';
import { ownReports } from '../test/fixtures/text-reports-own.ts';
import { textObjects, textReports } from '../test/fixtures/text-reports.ts';

interface LabelledSet {
  name: string;
  objects: IndexedObject[];
  reports: { query: TextQuery; truth: string | null }[];
}

function developmentSet(): LabelledSet {
  const dir = new URL('../../shared/eval/text/', import.meta.url);
  const records = (JSON.parse(readFileSync(new URL('records.json', dir), 'utf8')) as Record<string, unknown>[]).map((record) => registered(record, String(record.id)));
  const reports = JSON.parse(readFileSync(new URL('reports.json', dir), 'utf8')) as { expected: string | null; request: TextQuery }[];
  return { name: 'development set', objects: records, reports: reports.map((report) => ({ query: report.request, truth: report.expected })) };
}

const tuning = (): LabelledSet => ({
  name: 'own reports, tuning part',
  objects: textObjects,
  reports: [...textReports.filter((_, at) => at % 3 !== 0), ...ownReports.filter((report) => report.part === 'tuning')].map(({ query, truth }) => ({ query, truth })),
});

/** Signs the evidence must keep: agreement never counts against, a contradiction never for. */
const negative = new Set<EvidenceName>(['markContradicts', 'inscriptionContradicts', 'sizesDiffer', 'sizesContradict', 'typeContradicts', 'periodContradicts', 'subjectContradicts']);

type Sample = { x: number[]; y: number };

/** The report's evidence against each object, word rarities taken over the registry `corpus`; labelled 1 for the object it describes. */
function labelled(corpus: ObjectFeatures[], reports: LabelledSet['reports'], against: (report: LabelledSet['reports'][number]) => ObjectFeatures[]): Sample[] {
  const registry = registryOver(corpus);
  return reports.flatMap((report) => {
    const find = findingsFor(queryFeatures(report.query, registry.has), registry);
    return against(report).map((object) => {
      const evidence = evidenceOf(find(object));
      return { x: evidenceNames.map((name) => evidence[name] ?? 0), y: object.id === report.truth ? 1 : 0 };
    });
  });
}

/** Every (report, object) pair of a set. */
function pairs(set: LabelledSet): Sample[] {
  const features = set.objects.map(objectFeatures);
  return labelled(features, set.reports, () => features);
}

/** Candidates a report gets among the real records besides the set's own, searched as POST /v1/search would. */
const crowdCandidates = Number(process.env.FIT_CROWD_CANDIDATES ?? 10);

/** Each report of a set against its true object and the top candidates it gets among the distractors and the set's objects. */
function crowdedPairs(set: LabelledSet, distractors: IndexedObject[]): Sample[] {
  const crowd = [...distractors, ...set.objects];
  const index = createTextIndex();
  for (const object of crowd) index.upsert(object);
  const features = crowd.map(objectFeatures);
  const byId = new Map(features.map((object) => [object.id, object]));
  return labelled(features, set.reports, ({ query, truth }) => {
    const ids = new Set(index.search(query, crowdCandidates).map((candidate) => candidate.objectId));
    if (truth !== null) ids.add(truth);
    return [...ids].flatMap((id) => byId.get(id) ?? []);
  });
}

/** Solves a small dense system by Gaussian elimination with partial pivoting. */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] ?? 0]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < n; row += 1) if (Math.abs(a[row]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = row;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const top = a[col] as number[];
    for (let row = col + 1; row < n; row += 1) {
      const current = a[row] as number[];
      const factor = (current[col] ?? 0) / (top[col] ?? 1);
      for (let k = col; k <= n; k += 1) current[k] = (current[k] ?? 0) - factor * (top[k] ?? 0);
    }
  }
  const solution = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row -= 1) {
    const current = a[row] as number[];
    let sum = current[n] ?? 0;
    for (let k = row + 1; k < n; k += 1) sum -= (current[k] ?? 0) * (solution[k] ?? 0);
    solution[row] = sum / (current[row] ?? 1);
  }
  return solution;
}

/**
 * L2-regularised logistic regression by Newton's method; evidence whose fitted sign is against its meaning is fixed at 0 and
 * the rest refitted, so that every reason says what its sign says. The bias is not regularised.
 */
function fit(samples: Sample[], lambda: number, positiveWeight: number): { bias: number; weights: number[] } {
  const dimension = evidenceNames.length + 1;
  const fixed = new Set<number>();
  let w = new Array<number>(dimension).fill(0);
  for (let round = 0; round < dimension; round += 1) {
    for (let iteration = 0; iteration < 30; iteration += 1) {
      const gradient = new Array<number>(dimension).fill(0);
      const hessian = Array.from({ length: dimension }, () => new Array<number>(dimension).fill(0));
      for (const { x, y } of samples) {
        const row = [1, ...x];
        const z = row.reduce((sum, value, i) => sum + value * (w[i] ?? 0), 0);
        const p = 1 / (1 + Math.exp(-z));
        const weight = y === 1 ? positiveWeight : 1;
        for (let i = 0; i < dimension; i += 1) {
          gradient[i] = (gradient[i] ?? 0) + weight * (p - y) * (row[i] ?? 0);
          const hi = hessian[i] as number[];
          for (let j = 0; j < dimension; j += 1) hi[j] = (hi[j] ?? 0) + weight * p * (1 - p) * (row[i] ?? 0) * (row[j] ?? 0);
        }
      }
      for (let i = 1; i < dimension; i += 1) {
        gradient[i] = (gradient[i] ?? 0) + lambda * (w[i] ?? 0);
        (hessian[i] as number[])[i] = ((hessian[i] as number[])[i] ?? 0) + lambda;
      }
      for (const i of fixed) {
        gradient[i] = 0;
        hessian[i] = hessian[i]?.map((_, j) => (j === i ? 1 : 0)) ?? [];
        for (const row of hessian) if (row !== hessian[i]) row[i] = 0;
      }
      const step = solve(hessian, gradient);
      w = w.map((value, i) => (fixed.has(i) ? 0 : value - (step[i] ?? 0)));
      if (Math.max(...step.map(Math.abs)) < 1e-6) break;
    }
    const wrong = evidenceNames.map((name, i) => ({ i: i + 1, sign: negative.has(name) ? -1 : 1 })).filter(({ i, sign }) => !fixed.has(i) && (w[i] ?? 0) * sign < 0);
    if (wrong.length === 0) break;
    for (const { i } of wrong) fixed.add(i);
  }
  return { bias: w[0] ?? 0, weights: w.slice(1) };
}

const lambda = Number(process.argv[3] ?? 0.1);
// Weighting the true pairs up raises alert recall and false alerts together (on the development set, 2: 0.746 and 11/70; 1:
// 0.646 and 5/70): unweighted is the default, an argument tries another.
const positiveWeight = Number(process.argv[2] ?? 1);
const sets = [developmentSet(), tuning()];
const distractors = await distractorRecords();
const samples = [...sets.flatMap(pairs), ...sets.flatMap((set) => crowdedPairs(set, distractors))];
const fitted = fit(samples, lambda, positiveWeight);
const round = (value: number) => Math.round(value * 1000) / 1000;
const weights = Object.fromEntries(evidenceNames.map((name, i) => [name, round(fitted.weights[i] ?? 0)]));
const lines = [
  `// Fitted by scripts/fit-text-weights.ts (logistic regression, L2 ${lambda}, true pairs weighted ${positiveWeight}, on ${samples.length} pairs of ${sets.map((set) => set.name).join(' and ')}, alone and among ${distractors.length} real records (top ${crowdCandidates} candidates each)); regenerate, never edit by hand.`,
  "import type { EvidenceName } from './score.ts';",
  '',
  'export const textWeights: { bias: number; weights: Partial<Record<EvidenceName, number>> } = {',
  `  bias: ${round(fitted.bias)},`,
  '  weights: {',
  ...Object.entries(weights).map(([name, value]) => `    ${name}: ${value},`),
  '  },',
  '};',
  '',
];
writeFileSync(new URL('../functions/matching/text/text-weights.ts', import.meta.url), lines.join('\n'));
console.log(`bias ${round(fitted.bias)}`, weights);
