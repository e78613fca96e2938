// Text matching on the development set written apart from the matcher (../shared/eval/text), scored by its README's rule, beside a
// BM25 baseline (MiniSearch over every field) measured in the same run: `node bench/text-eval.ts [--distractors] [--misses]`.
// Records are registered and reports searched through the same domain code POST /v1/objects and POST /v1/search run.
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { SearchRequest } from '../schemas/matching.ts';
import { RegisterObject } from '../schemas/object-id.ts';
import { alertThreshold } from '../functions/matching/combine.ts';
import type { Candidate, IndexedObject } from '../functions/matching/model.ts';
import { createPhotoIndex } from '../functions/matching/photo/photo-index.ts';
import { searchIndexes, toIndexedObject } from '../functions/matching/registry-index.ts';
import { createTextIndex } from '../functions/matching/text/text-index.ts';
import { newObject } from '../functions/objects/register.ts';
import { distractorRecords } from './registry-distractors.ts';
import { ownReports } from '../test/fixtures/text-reports-own.ts';
import { textObjects, textReports } from '../test/fixtures/text-reports.ts';

export interface EvalReport {
  id: string;
  expected: string | null;
  difficulty: string;
  request: unknown;
}

// Another set of the same kind (the held-out one) is measured by pointing TEXT_EVAL_DIR at it.
const evalDir = process.env.TEXT_EVAL_DIR ? new URL(`file://${process.env.TEXT_EVAL_DIR.replace(/\/?$/, '/')}`) : new URL('../../shared/eval/text/', import.meta.url);
const registrar = { sub: 'bench', org: 'bench-museum', role: 'museum' as const };
const at = new Date(0).toISOString();

/** A record as POST /v1/objects stores it, then as the index reads it. */
export function registered(record: Record<string, unknown>, id: string): IndexedObject {
  const { id: _id, ...body } = record;
  return toIndexedObject(newObject(RegisterObject.parse(body), registrar.org, registrar, at, id).object);
}

export function loadEval(dir: URL = evalDir) {
  const records = (JSON.parse(readFileSync(new URL('records.json', dir), 'utf8')) as Record<string, unknown>[]).map((record) => registered(record, String(record.id)));
  const reports = JSON.parse(readFileSync(new URL('reports.json', dir), 'utf8')) as EvalReport[];
  return { records, reports };
}

export type Search = (request: SearchRequest) => Promise<Candidate[]>;

/** The matcher as POST /v1/search runs it: text and photo indexes together, scores on the registry's scale. */
export function matcherOver(objects: Iterable<IndexedObject>): Search {
  const text = createTextIndex();
  for (const object of objects) text.upsert(object);
  const photo = createPhotoIndex();
  return (request) => searchIndexes({ text, photo, isSought: () => true }, { text: { text: request.text, lang: request.lang, structured: request.structured } }, 50);
}

const fieldsOf = (object: IndexedObject): Record<string, string> => ({
  id: object.id,
  objectType: object.objectType,
  title: object.title ?? '',
  materials: [...(object.materials ?? []), ...(object.techniques ?? [])].join(' '),
  measurements: object.measurements ? Object.values(object.measurements).join(' ') : '',
  inscriptions: (object.inscriptions ?? []).map((inscription) => inscription.text).join(' '),
  markings: (object.markings ?? []).map((marking) => marking.text).join(' '),
  prose: [object.distinguishingFeatures, object.subject, object.dateOrPeriod, object.maker, object.culture, object.description].filter(Boolean).join(' '),
});
const bm25Fields = ['objectType', 'title', 'materials', 'measurements', 'inscriptions', 'markings', 'prose'];

/** The baseline: BM25 over every field, the report's text and structured fields as one query, any term may match. */
export function bm25Over(objects: Iterable<IndexedObject>): Search {
  const mini = new MiniSearch({ fields: bm25Fields, idField: 'id' });
  mini.addAll([...objects].map(fieldsOf));
  return async (request) => {
    const structured = request.structured;
    const query = [request.text ?? '', structured?.objectType ?? '', ...(structured?.materials ?? []), ...(structured?.inscriptions ?? []), ...(structured?.markings ?? [])].join(' ');
    return mini.search(query, { combineWith: 'OR' }).slice(0, 50).map((hit) => ({ objectId: String(hit.id), score: hit.score, reasons: [] }));
  };
}

interface Tally {
  reports: number;
  truthful: number;
  top1: number;
  inTop50: number;
  alerted: number;
  falseAlerts: number;
  bm25Top1: number;
}
const emptyTally = (): Tally => ({ reports: 0, truthful: 0, top1: 0, inTop50: 0, alerted: 0, falseAlerts: 0, bm25Top1: 0 });

export interface Outcome {
  report: EvalReport;
  ranked: Candidate[];
  bm25: Candidate[];
}

export async function runEval(reports: EvalReport[], matcher: Search, bm25: Search): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const report of reports) {
    const request = SearchRequest.parse(report.request);
    outcomes.push({ report, ranked: await matcher(request), bm25: await bm25(request) });
  }
  return outcomes;
}

const langOf = (report: EvalReport) => String((report.request as { lang?: string }).lang ?? '?').split('-')[0] ?? '?';

export function tallies(outcomes: Outcome[], groupOf: (report: EvalReport) => string): Map<string, Tally> {
  const groups = new Map<string, Tally>();
  for (const { report, ranked, bm25 } of outcomes) {
    for (const group of ['all', groupOf(report)]) {
      const tally = groups.get(group) ?? emptyTally();
      groups.set(group, tally);
      tally.reports += 1;
      const [top] = ranked;
      const alert = top !== undefined && top.score >= alertThreshold;
      if (report.expected === null) {
        if (alert) tally.falseAlerts += 1;
        continue;
      }
      tally.truthful += 1;
      if (top?.objectId === report.expected) tally.top1 += 1;
      if (alert && top?.objectId === report.expected) tally.alerted += 1;
      if (ranked.some((candidate) => candidate.objectId === report.expected)) tally.inTop50 += 1;
      if (bm25[0]?.objectId === report.expected) tally.bm25Top1 += 1;
    }
  }
  return groups;
}

const ratio = (count: number, of: number) => (of === 0 ? '-' : (count / of).toFixed(3));
export function table(groups: Map<string, Tally>) {
  return [...groups].map(([group, tally]) => ({
    group,
    reports: tally.reports,
    'top-1': `${ratio(tally.top1, tally.truthful)} (${tally.top1}/${tally.truthful})`,
    'BM25 top-1': `${ratio(tally.bm25Top1, tally.truthful)} (${tally.bm25Top1}/${tally.truthful})`,
    'alert recall': ratio(tally.alerted, tally.truthful),
    'false alerts': `${tally.falseAlerts}/${tally.reports - tally.truthful}`,
    'recall@50': ratio(tally.inTop50, tally.truthful),
  }));
}

export function printMisses(outcomes: Outcome[]) {
  for (const { report, ranked } of outcomes) {
    const [top] = ranked;
    const alert = (top?.score ?? 0) >= alertThreshold;
    const wrong = report.expected === null ? alert : top?.objectId !== report.expected || !alert;
    if (!wrong) continue;
    const rank = ranked.findIndex((candidate) => candidate.objectId === report.expected);
    const right = ranked[rank];
    console.log(`${report.id} [${langOf(report)} ${report.difficulty}] expected ${report.expected} (rank ${rank + 1}, ${right?.score.toFixed(3) ?? '-'}) -> ${top?.objectId} ${top?.score.toFixed(3)}`);
    for (const candidate of [top, right]) {
      if (candidate) console.log(`   ${candidate.objectId}: ${candidate.reasons.map((reason) => `${reason.contribution.toFixed(2)} ${reason.detail}`).join(' | ')}`);
    }
  }
}

if (import.meta.main) {
  const { records, reports } = loadEval();
  const withDistractors = process.argv.includes('--distractors');
  const started = performance.now();
  const outcomes = await runEval(reports, matcherOver(records), bm25Over(records));
  console.log(`Development set ../shared/eval/text: ${records.length} records, ${reports.length} reports (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  console.table(table(tallies(outcomes, langOf)));
  console.table(table(tallies(outcomes, (report) => report.difficulty)).filter((row) => row.group !== 'all'));
  if (process.argv.includes('--misses')) printMisses(outcomes);
  // Our own reports against the fixture objects: the tuning part is what scripts/fit-text-weights.ts fits on besides the
  // development set; the held-out part (a third of the fixture reports and half of text-reports-own.ts) never is.
  const own = [
    ...textReports.map((report, at) => ({ id: report.name, expected: report.truth, difficulty: at % 3 === 0 ? 'held-out' : 'tuning', request: { ...report.query, limit: 50 } })),
    ...ownReports.map((report) => ({ id: report.name, expected: report.truth, difficulty: report.part, request: { ...report.query, limit: 50 } })),
  ];
  const ownOutcomes = await runEval(own, matcherOver(textObjects), bm25Over(textObjects));
  console.log(`Own reports (test/fixtures/text-reports.ts, text-reports-own.ts) against ${textObjects.length} fixture objects`);
  console.table(table(tallies(ownOutcomes, (report) => report.difficulty)));
  if (process.argv.includes('--misses')) printMisses(ownOutcomes.filter((outcome) => outcome.report.difficulty === 'tuning'));
  if (withDistractors) {
    const distractors = await distractorRecords();
    const all = [...distractors, ...records];
    const crowded = await runEval(reports, matcherOver(all), bm25Over(all));
    console.log(`Same reports, the records registered among ${distractors.length} real records of ../shared/data (Tate, CMOA)`);
    console.table(table(tallies(crowded, langOf)));
    console.table(table(tallies(crowded, (report) => report.difficulty)).filter((row) => row.group !== 'all'));
    if (process.argv.includes('--misses')) printMisses(crowded);
  }
}
