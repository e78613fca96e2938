// Text matching accuracy on the labelled reports, beside a plain keyword search measured in the same run: `node bench/text.ts`.
import type { IndexedObject, TextQuery } from '../functions/matching/model.ts';
import { createTextIndex, textAlertThreshold } from '../functions/matching/text/text-index.ts';
import { type TextReport, textObjects, textReports } from '../test/fixtures/text-reports.ts';

interface Ranked {
  objectId: string;
  score: number;
}

// The baseline: lower-cased whitespace tokens, ranked by how many distinct tokens an object shares with the report.
const words = (text: string) => new Set(text.toLowerCase().split(/\s+/).filter(Boolean));
const objectText = (object: IndexedObject) =>
  [
    object.objectType, object.title, ...(object.materials ?? []), ...(object.techniques ?? []), object.subject, object.description,
    object.distinguishingFeatures, object.maker, object.culture, object.dateOrPeriod,
    ...(object.inscriptions ?? []).map((inscription) => inscription.text), ...(object.markings ?? []).map((marking) => marking.text),
  ].join(' ');
const queryText = (query: TextQuery) =>
  [query.text ?? '', query.structured?.objectType ?? '', ...(query.structured?.materials ?? []), ...(query.structured?.inscriptions ?? []), ...(query.structured?.markings ?? [])].join(' ');

const baselineObjects = textObjects.map((object) => ({ id: object.id, words: words(objectText(object)) }));
function keywordSearch(query: TextQuery): Ranked | undefined {
  const asked = words(queryText(query));
  let best: Ranked | undefined;
  for (const object of baselineObjects) {
    let shared = 0;
    for (const word of asked) if (object.words.has(word)) shared += 1;
    if (shared > 0 && (!best || shared > best.score)) best = { objectId: object.id, score: shared };
  }
  return best;
}

const index = createTextIndex();
for (const object of textObjects) index.upsert(object);
const matcherSearch = (query: TextQuery): Ranked | undefined => index.search(query, 1)[0];

interface Outcome {
  top1: number;
  alerted: number;
  falseOnUnregistered: number;
  wrongAlert: number;
}

function evaluate(search: (query: TextQuery) => Ranked | undefined, threshold: number, reports: TextReport[]): Outcome {
  const outcome: Outcome = { top1: 0, alerted: 0, falseOnUnregistered: 0, wrongAlert: 0 };
  for (const report of reports) {
    const top = search(report.query);
    const alert = top !== undefined && top.score >= threshold;
    if (report.truth === null) {
      if (alert) outcome.falseOnUnregistered += 1;
      continue;
    }
    if (top?.objectId === report.truth) outcome.top1 += 1;
    if (alert && top.objectId === report.truth) outcome.alerted += 1;
    if (alert && top.objectId !== report.truth) outcome.wrongAlert += 1;
  }
  return outcome;
}

const withTruth = textReports.filter((report) => report.truth !== null).length;
const without = textReports.length - withTruth;
const ratio = (count: number, of: number) => (of === 0 ? '-' : (count / of).toFixed(3));
const row = (name: string, threshold: string, outcome: Outcome) => ({
  matcher: name,
  'alert at': threshold,
  'top-1': ratio(outcome.top1, withTruth),
  'alert recall': ratio(outcome.alerted, withTruth),
  'false alerts (no match)': `${outcome.falseOnUnregistered}/${without}`,
  'false alerts (wrong object)': `${outcome.wrongAlert}/${withTruth}`,
  'false-alert rate': ratio(outcome.falseOnUnregistered + outcome.wrongAlert, textReports.length),
});

console.log(`${textObjects.length} registered objects, ${textReports.length} reports (${withTruth} with a true match, ${without} without)`);
console.table([
  row('text index', `score >= ${textAlertThreshold}`, evaluate(matcherSearch, textAlertThreshold, textReports)),
  ...[2, 3, 4, 6].map((shared) => row('keyword baseline', `${shared}+ shared words`, evaluate(keywordSearch, shared, textReports))),
]);

const languages = [...new Set(textReports.map((report) => report.query.lang ?? '?'))];
console.table(
  languages.map((lang) => {
    const reports = textReports.filter((report) => report.query.lang === lang);
    const truthful = reports.filter((report) => report.truth !== null).length;
    const ours = evaluate(matcherSearch, textAlertThreshold, reports);
    const baseline = evaluate(keywordSearch, 3, reports);
    return { lang, reports: reports.length, 'top-1': ratio(ours.top1, truthful), 'baseline top-1': ratio(baseline.top1, truthful), 'false alerts': ours.falseOnUnregistered + ours.wrongAlert };
  }),
);

if (process.argv.includes('--misses')) {
  for (const report of textReports) {
    const [top] = index.search(report.query, 1);
    const wrong = report.truth === null ? (top?.score ?? 0) >= textAlertThreshold : top?.objectId !== report.truth || top.score < textAlertThreshold;
    if (wrong) console.log(report.name, report.truth, '->', top?.objectId, top?.score, JSON.stringify(top?.reasons.map((reason) => `${reason.contribution} ${reason.detail}`)));
  }
}
