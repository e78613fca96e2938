// Text index latency, memory and snapshot cost at 10k, 100k and 1M synthetic objects, against a linear scan: `node bench/text-scale.ts [sizes...]`.
import { seededRandom } from '../test/fixtures/random.ts';
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import type { IndexedObject, TextQuery } from '../functions/matching/model.ts';
import { type ObjectFeatures, objectFeatures, queryFeatures } from '../functions/matching/text/features.ts';
import { type Registry, registryOver, scorerFor } from '../functions/matching/text/score.ts';
import { createTextIndex, textAlertThreshold, textIndexFromSnapshot } from '../functions/matching/text/text-index.ts';
import { vocabulary, vocabularyLanguages } from '../schemas/vocabulary-terms.ts';

// A million objects, a loaded copy and the scan's own copy need more than the default heap: run again with room and a GC to call.
if (!process.execArgv.includes('--expose-gc')) {
  const child = spawnSync(process.execPath, ['--max-old-space-size=16384', '--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
const collect = globalThis.gc as () => void;

const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0);
const queryCount = 500;
// A scan scores every object, seconds per query at a million: it is timed on fewer queries, said in the table.
const scanQueries = (size: number) => Math.max(3, Math.min(100, Math.round(2_000_000 / size)));

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;

// A lexicon of pseudo-words drawn with a Zipf-like skew, so some words are common and most are rare, as in real descriptions.
const syllables = ['ka', 'lo', 'mi', 'ra', 'te', 'no', 'si', 'va', 'dor', 'el', 'an', 'us', 'is', 'tro', 'pel', 'gri', 'mon', 'sa', 'bu', 'ze', 'qu', 'fi', 'ho', 'ne'];
const lexiconRandom = seededRandom(7);
const lexicon = Array.from({ length: 40_000 }, () => Array.from({ length: 2 + Math.floor(lexiconRandom() * 3) }, () => pick(lexiconRandom, syllables)).join(''));
const word = (random: () => number) => lexicon[Math.floor(Math.exp(random() * Math.log(lexicon.length))) - 1] ?? 'kalo';

const types = vocabulary.filter((concept) => concept.kind === 'objectType');
const materials = vocabulary.filter((concept) => concept.kind === 'material');
const subjects = vocabulary.filter((concept) => concept.kind === 'subject');
const countries = ['GR', 'IT', 'FR', 'ES', 'DE', 'TR', 'RU', 'EG', 'IQ', 'SY', 'CN', 'ML', 'NG', 'PE', 'MX', 'IN', 'CY', 'BG'];
type Lang = (typeof vocabularyLanguages)[number];
const term = (random: () => number, concept: (typeof vocabulary)[number], lang: Lang) => pick(random, concept.terms[lang]);

function syntheticObject(index: number): IndexedObject {
  const random = seededRandom(index * 2654435761);
  const lang = pick(random, vocabularyLanguages);
  const type = pick(random, types);
  const made = Array.from({ length: 1 + Math.floor(random() * 3) }, () => term(random, pick(random, materials), lang));
  const unit = pick(random, ['cm', 'cm', 'mm', 'in'] as const);
  const scale = unit === 'mm' ? 10 : unit === 'in' ? 1 / 2.54 : 1;
  const height = Math.round((5 + random() * 120) * scale * 10) / 10;
  const text = Array.from({ length: 8 + Math.floor(random() * 10) }, () => word(random)).join(' ');
  return {
    id: `syn-${index}`,
    country: pick(random, countries),
    lang,
    objectType: term(random, type, lang),
    materials: made,
    measurements: random() < 0.6 ? { height, width: Math.round(height * (0.5 + random() * 0.5) * 10) / 10, unit } : { height, unit },
    ...(random() < 0.5 ? { inscriptions: [{ text: Array.from({ length: 2 + Math.floor(random() * 3) }, () => word(random).toUpperCase()).join(' ') }] } : {}),
    ...(random() < 0.6 ? { markings: [{ kind: 'inventory-number' as const, text: `${word(random).slice(0, 3).toUpperCase()} ${Math.floor(random() * 100_000)}` }] } : {}),
    ...(random() < 0.3 ? { subject: term(random, pick(random, subjects), lang) } : {}),
    description: `${term(random, type, lang)} ${text}`,
  };
}

/** A report of object `index` as a field officer would write it: another language, some words, inches, half the mark; or of nothing registered. */
function syntheticQuery(index: number, size: number): { query: TextQuery; truth: string | undefined } {
  const random = seededRandom(1_000_003 + index);
  const registered = random() < 0.8;
  const object = syntheticObject(registered ? Math.floor(random() * size) : size + index);
  const lang = pick(random, vocabularyLanguages);
  const type = types.find((concept) => Object.values(concept.terms).flat().includes(object.objectType)) ?? pick(random, types);
  const words = object.description.split(' ').filter(() => random() < 0.4);
  const height = object.measurements?.height ?? 10;
  const inches = object.measurements?.unit === 'in' ? height : height / (object.measurements?.unit === 'mm' ? 25.4 : 2.54);
  const parts = [term(random, type, lang), ...words, `${inches.toFixed(1)} in`, word(random)];
  const mark = object.markings?.[0]?.text.split(' ')[1];
  if (mark && random() < 0.4) parts.push(`inv. ${mark}`);
  const inscription = object.inscriptions?.[0]?.text.split(' ').slice(0, 2).join(' ');
  if (inscription && random() < 0.4) parts.push(`inscription "${inscription}"`);
  return { query: { text: parts.join(', '), lang }, truth: registered ? object.id : undefined };
}

const percentile = (values: number[], share: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
};
const ms = (value: number) => value.toFixed(value < 10 ? 2 : 0);
const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

function linearScan(objects: ObjectFeatures[], registry: Registry, query: TextQuery): number {
  const score = scorerFor(queryFeatures(query), registry);
  let best = 0;
  for (const object of objects) best = Math.max(best, score(object).score);
  return best;
}

function measureIndex(size: number, queries: TextQuery[], truths: (string | undefined)[], scanQueries: number) {
  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  let started = performance.now();
  let scored = 0;
  let pulled = 0;
  const index = createTextIndex({
    onSearch: (stats) => {
      scored += stats.scored;
      pulled += stats.candidates;
    },
  });
  for (let at = 0; at < size; at += 1) index.upsert(syntheticObject(at));
  const buildSeconds = (performance.now() - started) / 1000;
  collect();
  const heap = process.memoryUsage().heapUsed - heapBefore;

  // The first searches compile the code; a service would have answered a few before these.
  for (const query of queries.slice(0, 20)) index.search(query, 10);
  collect();
  scored = 0;
  pulled = 0;
  let found = 0;
  const tops: number[] = [];
  const cpuTimes: number[] = [];
  const latencies = queries.map((query, at) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const [top] = index.search(query, 10);
    const elapsed = performance.now() - start;
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    if (top && top.objectId === truths[at]) found += 1;
    if (at < scanQueries) tops.push(top?.score ?? 0);
    return elapsed;
  });
  const perQuery = { pulled: Math.round(pulled / queries.length), scored: Math.round(scored / queries.length) };

  started = performance.now();
  const snapshot = index.toSnapshot();
  const serialiseMs = performance.now() - started;
  collect();
  const heapBeforeLoad = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  started = performance.now();
  const loaded = textIndexFromSnapshot(snapshot);
  const loadMs = performance.now() - started;
  collect();
  const loadedHeap = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBeforeLoad;
  // A loaded index reads an object's line when it first scores it: the first queries after a cold start pay for that.
  const afterLoad = queries.map((query) => {
    const at = performance.now();
    loaded.search(query, 10);
    return performance.now() - at;
  });
  const identical = queries.slice(0, 50).every((query) => JSON.stringify(loaded.search(query, 10)) === JSON.stringify(index.search(query, 10)));
  const snapshotBytes = typeof snapshot === 'string' ? Buffer.byteLength(snapshot) : snapshot.byteLength;
  return { buildSeconds, heap, latencies, cpuTimes, perQuery, serialiseMs, loadMs, loadedHeap, afterLoad, identical, snapshotBytes, found, tops };
}

function measureScan(size: number, queries: TextQuery[]) {
  // The scan scores the same features the index holds, with the same scorer.
  const objects: ObjectFeatures[] = [];
  for (let at = 0; at < size; at += 1) objects.push(objectFeatures(syntheticObject(at)));
  const registry = registryOver(objects);
  collect();
  return queries.map((query) => {
    const start = performance.now();
    const top = linearScan(objects, registry, query);
    return { elapsed: performance.now() - start, top };
  });
}

const rows = [];
for (const size of sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000]) {
  const generated = Array.from({ length: queryCount }, (_, at) => syntheticQuery(at, size));
  const queries = generated.map((one) => one.query);
  const truths = generated.map((one) => one.truth);
  const sampled = scanQueries(size);
  const measured = measureIndex(size, queries, truths, sampled);
  const scanned = measureScan(size, queries.slice(0, sampled));
  const p50 = percentile(measured.latencies, 0.5);
  const scanP50 = percentile(scanned.map((one) => one.elapsed), 0.5);
  const agreeing = scanned.filter((one, at) => Math.abs(one.top - (measured.tops[at] ?? 0)) <= 0.01).length;
  const alertsMissed = scanned.filter((one, at) => one.top >= textAlertThreshold && (measured.tops[at] ?? 0) < textAlertThreshold).length;
  const scanAlerts = scanned.filter((one) => one.top >= textAlertThreshold).length;
  rows.push({
    objects: size.toLocaleString('en'),
    'build s': measured.buildSeconds.toFixed(1),
    'heap MB': megabytes(measured.heap),
    'p50 ms': ms(p50),
    'p99 ms': ms(percentile(measured.latencies, 0.99)),
    'cpu p50 ms': ms(percentile(measured.cpuTimes, 0.5)),
    'cpu p99 ms': ms(percentile(measured.cpuTimes, 0.99)),
    'pulled/query': measured.perQuery.pulled,
    'scored/query': measured.perQuery.scored,
    'top-1 found': `${measured.found}/${truths.filter(Boolean).length}`,
    'best = scan best': `${agreeing}/${sampled}`,
    'scan alerts missed': `${alertsMissed}/${scanAlerts}`,
    'scan p50 ms': `${ms(scanP50)} (${sampled} q)`,
    'p50 / scan': (p50 / scanP50).toFixed(4),
    'snapshot MB': megabytes(measured.snapshotBytes),
    'serialise ms': ms(measured.serialiseMs),
    'load ms': ms(measured.loadMs),
    'loaded heap MB': megabytes(measured.loadedHeap),
    'first queries p99 ms': ms(percentile(measured.afterLoad, 0.99)),
    'same results': measured.identical ? 'yes' : 'NO',
  });
  console.table(rows.slice(-1));
}
console.log(
  `load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} on ${availableParallelism()} cores (other processes share them: wall-clock p99 includes their preemption, cpu ms do not); ` +
    `${queryCount} queries per size (80% describe a registered object, 20% do not); heap after a forced GC, index only; ` +
    "'top-1 found': the described object ranked first; 'best = scan best': the index's best score is the best score of all objects (within 0.01: word weights count inscriptions' words too); 'scan alerts missed': queries the scan would alert on and the index did not.",
);
console.table(rows);
