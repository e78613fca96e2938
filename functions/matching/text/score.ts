// Weighs the evidence between a report and one object into a score 0..1, with a reason a person can check for every point given or taken.
import type { Reason } from '../model.ts';
import { carriedKeys, inscriptionKey, markKey, type ObjectFeatures, type QueryFeatures, type Reading, readingOf, stampsOf, stemmedWords } from './features.ts';
import { containment, containmentInText, inscriptionAgreement, inscriptionContradiction, minimumReading, skeleton, trigrams } from './inscriptions.ts';
import { type Mark, type MarkAgreement, compareMarks, markOf } from './markings.ts';
import { type Measure, compareSizes, describe, roundingOf, sizeContradiction, sizeMeasuredApart, sizeTolerance } from './measurements.ts';
import { fold, hanNumerals, isTransliterated, scriptOf } from './normalise.ts';
import { textWeights } from './text-weights.ts';
import { type ConceptHit, conceptLabel, cousins, lineage, related } from './vocabulary.ts';

/**
 * The evidence between a report and an object as numbers: each is 0 when absent, and most are 0..1. Their weights are not set
 * by hand but fitted (scripts/fit-text-weights.ts, a logistic regression on labelled reports), so a kind of evidence counts as
 * much as it told right objects from wrong ones there.
 */
export const evidenceNames = [
  'markSame', 'markContains', 'markContradicts', 'numberInMark',
  'inscription', 'inscriptionInText', 'inscriptionContradicts',
  'sizes', 'sizesDiffer', 'sizesContradict',
  'typeSame', 'typeFromProse', 'typeRelated', 'typeContradicts',
  'materials', 'subjects', 'subjectContradicts',
  'wordShare', 'wordCount', 'rareWord',
  'country', 'period', 'periodContradicts',
] as const;
export type EvidenceName = (typeof evidenceNames)[number];
export type Evidence = Partial<Record<EvidenceName, number>>;

/** A report at or above this is worth an alert: the fitted odds that the object is the one described are better than even. */
export const textAlertThreshold = 0.6;

const points = (value: number) => Math.round(value * 1000) / 1000;

/** What the registry as a whole tells about a report's evidence. */
export interface Registry {
  /** The rarity (idf) of a word stem among the registry's objects. */
  wordWeight: (word: string) => number;
  /** The rarity a word found on one object alone would have. */
  rarest: number;
  /** How many objects carry an inscription or a mark, by its key (inscriptionKey, markKey). */
  carriers: (key: string) => number;
}

/** The registry's counts over a list of objects, as the index keeps them: for scripts that score without an index. */
export function registryOver(objects: ObjectFeatures[]): Registry & { has: (word: string) => boolean } {
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const object of objects) {
    for (const stem of new Set(stemmedWords(object))) count(`w:${stem}`);
    for (const key of carriedKeys(object)) count(key);
  }
  return {
    wordWeight: (word) => {
      const found = counts.get(`w:${word}`) ?? 0;
      return found === 0 ? 0 : Math.log(1 + objects.length / found);
    },
    rarest: Math.log(1 + objects.length),
    carriers: (key) => counts.get(key) ?? 0,
    has: (word) => counts.has(`w:${word}`),
  };
}

/**
 * A line or mark carried by several registered objects (a reign mark on every bowl of the reign, a factory stamp) tells none
 * of them apart, but still tells them from every other object: its agreement counts by its rarity, as a word's does (full for
 * a line one object carries, nothing for one that every object carries).
 */
const carried = (registry: Registry, key: string) => {
  const count = Math.max(1, registry.carriers(key));
  const objects = Math.expm1(registry.rarest);
  const share = Math.min(1, Math.log1p(objects / count) / registry.rarest);
  return { share, note: count > 1 ? `, carried by ${count} registered objects` : '' };
};

/** One piece of evidence: its value for the weights, and what a person reads about it. */
interface Finding {
  name: EvidenceName;
  value: number;
  field: string;
  detail: string;
  /** Enough alone to name the object: an inventory number with its series letters that no other registered object carries. */
  identifies?: true;
}

function termNote(hit: ConceptHit, label: string): string {
  return fold(label) === hit.term ? '' : ` (${hit.term} = ${label})`;
}

function typeFindings(query: QueryFeatures, object: ObjectFeatures): Finding[] {
  if (query.types.length === 0 || object.types.length === 0) return [];
  const same = query.types.find((hit) => object.types.includes(hit.concept));
  if (same) {
    const label = conceptLabel(same.concept);
    const record = fold(object.objectType) === fold(label) ? '' : `, recorded as '${object.objectType}'`;
    // A type read from the record's prose, its type field unknown to the vocabulary, is a hint and not a match of the field.
    if (!object.typeKnown) return [{ name: 'typeFromProse', value: 1, field: 'objectType', detail: `object type ${label}${termNote(same, label)}, as the record's text says (its type is '${object.objectType}')` }];
    return [{ name: 'typeSame', value: 1, field: 'objectType', detail: `object type ${label}${termNote(same, label)}${record}` }];
  }
  const near = query.types.find((hit) => object.types.some((type) => related(type, hit.concept)));
  if (near) return [{ name: 'typeRelated', value: 1, field: 'objectType', detail: `object type ${conceptLabel(near.concept)} is close to the recorded ${object.objectType}` }];
  if (!object.typeKnown || query.types.some((hit) => object.types.some((type) => cousins(type, hit.concept)))) return [];
  const reported = query.types.map((hit) => conceptLabel(hit.concept)).join(' or ');
  return [{ name: 'typeContradicts', value: 1, field: 'objectType', detail: `the report describes a ${reported}, the object is a ${object.objectType}` }];
}

function conceptFindings(hits: ConceptHit[], concepts: string[], field: 'materials' | 'subject'): Finding[] {
  const shared = hits.filter((hit) => concepts.some((concept) => related(concept, hit.concept)));
  if (shared.length === 0) return [];
  const names = shared.map((hit) => `${conceptLabel(hit.concept)}${termNote(hit, conceptLabel(hit.concept))}`).join(', ');
  const [name, cap] = field === 'materials' ? (['materials', 3] as const) : (['subjects', 2] as const);
  return [{ name, value: Math.min(cap, shared.length) / cap, field, detail: `${field === 'materials' ? 'materials' : 'subject'}: ${names}` }];
}

const isAnimal = (concept: string) => lineage(concept).includes('animal');

/**
 * What a piece depicts is decisive in identifying it (Object ID's Subject): horses grazing are not two dragons. Only the
 * animals and creatures both sides name are compared, and only when no animal of one meets one of the other, a kind meeting
 * its wider concept (a zebu, a bull). A side that names no animal says nothing; saints and other subjects are not compared.
 */
function subjectFindings(query: QueryFeatures, object: ObjectFeatures): Finding[] {
  const reported = query.subjects.filter((hit) => isAnimal(hit.concept));
  const recorded = object.subjects.filter(isAnimal);
  if (reported.length === 0 || recorded.length === 0 || reported.some((hit) => recorded.some((concept) => related(concept, hit.concept)))) return [];
  const said = reported.map((hit) => conceptLabel(hit.concept)).join(', ');
  return [{ name: 'subjectContradicts', value: 1, field: 'subject', detail: `the report shows ${said}, the object ${recorded.map(conceptLabel).join(', ')}` }];
}

/**
 * Words the report shares with the record, quoted as the record writes them. Three measures: the idf-weighted share of the
 * report's distinctive words, how many are shared, and how rare the rarest is (a signature or a place name decides alone).
 */
function wordFindings(object: ObjectFeatures, wordWeights: ReadonlyMap<string, number>, total: number, rarest: number): Finding[] {
  let common = 0;
  let rare = 0;
  const shared: string[] = [];
  const stems = stemmedWords(object);
  const seen = new Set<string>();
  object.words.forEach((word, at) => {
    const stem = stems[at] ?? word;
    const value = wordWeights.get(stem);
    if (!value || seen.has(stem)) return;
    seen.add(stem);
    common += value;
    rare = Math.max(rare, value);
    shared.push(word);
  });
  if (shared.length === 0) return [];
  const quoted = `${shared.slice(0, 8).join(', ')}${shared.length > 8 ? ', ...' : ''}`;
  const of = `${shared.length} of the report's ${wordWeights.size} distinctive words`;
  return [
    { name: 'wordShare', value: common / total, field: 'description', detail: `words in common: ${quoted} (${of})` },
    { name: 'wordCount', value: Math.min(1, shared.length / 8), field: 'description', detail: '' },
    { name: 'rareWord', value: rare / rarest, field: 'description', detail: '' },
  ];
}

const transliterated = (a: string, b: string) => (isTransliterated(a) !== isTransliterated(b) ? ' (transliterated)' : '');

// An object's readings are derived when it is first scored and kept while the object lives: popular objects are scored often.
const readings = new WeakMap<ObjectFeatures, Reading[]>();
function readingsOf(object: ObjectFeatures): Reading[] {
  let known = readings.get(object);
  if (!known) {
    known = object.inscriptions.map(readingOf);
    readings.set(object, known);
  }
  return known;
}

// A reading marked as partial ("...作宝簋", "LPT 77/35?") is not read with confidence: it can agree, never contradict. Nor can
// one in another script, but between Latin, Greek and Cyrillic, which transliterate letter for letter: Arabic drops its vowels,
// Chinese and Japanese are read in words, and their romanisations differ too much to tell a misreading from another text.
const partial = /\.\.\.|…|\?|\[|\]/u;
const alphabets = new Set(['Latin', 'Greek', 'Cyrillic']);
const comparable = (a: string, b: string) => a === b || (alphabets.has(a) && alphabets.has(b));
const confidentlyDifferent = (reading: Reading, inscriptions: Reading[]) =>
  reading.grams.length >= minimumReading && !partial.test(reading.text) && inscriptions.some((inscription) => comparable(scriptOf(inscription.text), scriptOf(reading.text)));

// A number read on both sides that differs (a year, a negative or issue number) tells a twin from the object even when the words
// agree: "...DEL ROSARIO AÑO DE 1764" is not "...DEL SANTISIMO AÑO DE 1771". Digits of every script are folded to 0-9 first.
// Single digits are too often part of a reading ("qi2-bi2-ma", a line number) to tell anything.
const numbersIn = (text: string) => (fold(hanNumerals(text)).match(/\d+/gu) ?? []).filter((number) => number.length >= 2);
/**
 * Whether a reading gives a number the object's lines in the same script lack. For a quotation not announced as an inscription
 * (perhaps a price or a lot), only a number as long as one on the object counts: a year against a year, a negative against one.
 */
export function numberDiffers(reading: string, inscriptions: string[], announced = true): boolean {
  if (partial.test(reading)) return false;
  const ours = numbersIn(reading);
  // Only against lines in a script read the same way: an Ottoman line counts its years in another calendar.
  const theirs = new Set(inscriptions.filter((text) => comparable(scriptOf(text), scriptOf(reading))).flatMap(numbersIn));
  const lengths = new Set([...theirs].map((number) => number.length));
  return ours.some((number) => !theirs.has(number) && (announced ? theirs.size > 0 : lengths.has(number.length)));
}

function inscriptionFindings(query: QueryFeatures, object: ObjectFeatures, registry: Registry): Finding[] {
  if (object.inscriptions.length === 0) return [];
  const registered = readingsOf(object);
  let agreeing: Finding | undefined;
  let contradicting: (Finding & { decisive: boolean }) | undefined;
  const agreed = new Set<string>();
  const on = object.inscriptions.map((text) => `'${text}'`).join(', ');
  for (const reading of query.inscriptions) {
    let best = { share: 0, text: '' };
    for (const inscription of registered) {
      const letterShare = containment(reading.grams, inscription.gramSet);
      const across = scriptOf(reading.text) !== scriptOf(inscription.text) && reading.consonantGrams.length >= 2;
      const share = across ? Math.max(letterShare, containment(reading.consonantGrams, inscription.consonantSet)) : letterShare;
      if (share > best.share) best = { share, text: inscription.text };
    }
    const detail = `the report reads '${reading.text}', the object is inscribed ${on}`;
    if (numberDiffers(reading.text, object.inscriptions)) {
      contradicting = { name: 'inscriptionContradicts', value: 1, field: 'inscriptions', detail, decisive: true };
    } else if (best.share >= inscriptionAgreement) {
      agreed.add(best.text);
      const series = carried(registry, inscriptionKey(best.text));
      if (!agreeing || best.share * series.share > agreeing.value) {
        const detail = `inscription '${best.text}' matches '${reading.text}'${transliterated(best.text, reading.text)}${series.note}`;
        agreeing = { name: 'inscription', value: best.share * series.share, field: 'inscriptions', detail };
      }
    } else if (best.share < inscriptionContradiction && confidentlyDifferent(reading, registered) && !contradicting?.decisive) {
      contradicting = { name: 'inscriptionContradicts', value: 1, field: 'inscriptions', detail, decisive: false };
    }
  }
  // One reading that fits is enough when the object has no other line it could misread: reporters often copy a second line
  // badly. A differing number, or a line read with confidence while one of the object's lines is left unread, contradicts.
  if (contradicting && (!agreeing || contradicting.decisive || agreed.size < object.inscriptions.length)) {
    const { decisive: _decisive, ...finding } = contradicting;
    return [finding];
  }
  if (agreeing) return [agreeing];
  // A quoted line not announced as an inscription ("« 152. Tombeaux des Califes »") is often one all the same: its number,
  // when the object's lines give another and none of its marks holds it, tells another print of a series.
  const quotedApart = query.quotations.find(
    (quotation) => trigrams(skeleton(quotation)).length >= minimumReading && numberDiffers(quotation, object.inscriptions, false) && !object.markings.some((marking) => markOf(marking).numbers.some((number) => quotation.includes(number))),
  );
  if (quotedApart) {
    return [{ name: 'inscriptionContradicts', value: 1, field: 'inscriptions', detail: `the report quotes '${quotedApart}', the object is inscribed ${on}` }];
  }
  // The report may still quote the inscription in passing, or in another line than the one it announced.
  for (const inscription of registered) {
    if (inscription.grams.length < minimumReading) continue;
    const share = containmentInText(inscription.grams, inscription.length, query.textGrams);
    if (share >= inscriptionAgreement) {
      const series = carried(registry, inscriptionKey(inscription.text));
      const detail = `inscription '${inscription.text}' appears in the report${isTransliterated(inscription.text) ? ' (transliterated)' : ''}${series.note}`;
      return [{ name: 'inscriptionInText', value: share * series.share, field: 'inscriptions', detail }];
    }
  }
  return [];
}

/**
 * A stamp read on both sides in words that share too little to be one stamp misread (in either direction, so that an abbreviation
 * "BIBL. CIV." meets "Biblioteca civica" half-way): another owner's stamp. Only readings in the same script and read in full.
 */
function stampContradiction(reported: Reading[], markings: string[]): { reported: string; registered: string } | undefined {
  if (reported.length === 0) return undefined;
  const stamps = stampsOf(markings).map(readingOf).filter((stamp) => stamp.grams.length >= minimumReading);
  for (const reading of reported) {
    const against = stamps.filter((stamp) => comparable(scriptOf(stamp.text), scriptOf(reading.text)));
    if (against.length === 0 || reading.grams.length < minimumReading || partial.test(reading.text)) continue;
    const shared = (stamp: Reading) => Math.max(containment(reading.grams, stamp.gramSet), containment(stamp.grams, reading.gramSet));
    if (against.every((stamp) => shared(stamp) < inscriptionContradiction)) return { reported: reading.text, registered: against.map((stamp) => stamp.text).join("', '") };
  }
  return undefined;
}

function markFindings(query: QueryFeatures, object: ObjectFeatures, registry: Registry): Finding[] {
  if (object.markings.length === 0) return [];
  const registered = object.markings.map(markOf);
  let best: { agreement: MarkAgreement; reported: string; registered: Mark } | undefined;
  let contradicted: { reported: string } | undefined;
  let found = 0;
  for (const mark of query.marks) {
    const verdicts = registered.map((other) => ({ agreement: compareMarks(mark, other), registered: other }));
    const agreeing = verdicts.find((verdict) => verdict.agreement === 'same') ?? verdicts.find((verdict) => verdict.agreement === 'contains');
    if (agreeing) found += 1;
    if (agreeing?.agreement && (!best || best.agreement === 'contains')) best = { agreement: agreeing.agreement, reported: mark.text, registered: agreeing.registered };
    else if (!agreeing && verdicts.some((verdict) => verdict.agreement === 'contradicts')) contradicted = { reported: mark.text };
  }
  if (best?.agreement === 'same') {
    const series = carried(registry, markKey(best.registered));
    const identifies = series.share === 1 && /\p{L}/u.test(best.registered.key) && /\d{3}/.test(best.registered.key);
    return [{ name: 'markSame', value: series.share, field: 'markings', detail: `marking '${best.registered.text}' is '${best.reported}'${series.note}`, ...(identifies ? { identifies: true as const } : {}) }];
  }
  // Parts of marks are shared by a series ("Modellnummer 2871" on every figure of a model): the share of the reported ones found counts.
  if (best) return [{ name: 'markContains', value: found / query.marks.length, field: 'markings', detail: `marking '${best.registered.text}' contains '${best.reported}'` }];
  if (contradicted) {
    const on = object.markings.map((text) => `'${text}'`).join(', ');
    return [{ name: 'markContradicts', value: 1, field: 'markings', detail: `the report gives '${contradicted.reported}', the object is marked ${on}` }];
  }
  const stampApart = best ? undefined : stampContradiction(query.stamps, object.markings);
  if (stampApart) return [{ name: 'markContradicts', value: 1, field: 'markings', detail: `the report reads the stamp '${stampApart.reported}', the object's reads '${stampApart.registered}'` }];
  // A bare number supports a mark it is the whole number of, or a part of four digits or more: the '152' of a report (a lot, a
  // negative, a price) is no sign of the real register's '1996.69.152', where every short part is shared by thousands of marks.
  for (const number of query.numbers) {
    const holder = registered.find((mark) => mark.numbers.join('') === number || (number.length >= 4 && mark.numbers.includes(number)));
    if (holder) return [{ name: 'numberInMark', value: 1, field: 'markings', detail: `marking '${holder.text}' contains '${number}'` }];
  }
  return [];
}

const outgrows = (reported: Measure, lengths: Measure[]) => lengths.every((length) => reported.value > 2 * length.value);

/** Each of the record's dimensions agrees or disagrees once, however many times the report gives it (in text and in fields). */
function sizeFindings(query: QueryFeatures, object: ObjectFeatures): Finding[] {
  const findings: Finding[] = [];
  const agreed = new Set<string>();
  const disagreed = new Set<string>();
  for (const pair of compareSizes(query.size, object.size)) {
    const unit = pair.registered.dimension === 'weight' ? 'g' : 'cm';
    const what = pair.registered.dimension ?? 'size';
    const key = `${what} ${pair.registered.value}`;
    const versus = `${what} ${describe(pair.registered, unit)} vs ${describe(pair.reported, unit)}`;
    // A figure stands for anything within half its last digit: "5 cm" is not 4% off a recorded 5.2 cm.
    const apart = pair.difference > sizeMeasuredApart && pair.difference * pair.registered.value > roundingOf(pair.reported) && pair.difference <= sizeContradiction;
    if (apart && !agreed.has(key) && !disagreed.has(key)) {
      disagreed.add(key);
      findings.push({ name: 'sizesDiffer', value: 1 / 2, field: 'measurements', detail: `${versus}: ${Math.round(pair.difference * 100)}% off` });
    } else if (pair.difference <= sizeTolerance && !agreed.has(key)) {
      agreed.add(key);
      // Graded: the same figure says much more than one within the tolerance (a near twin is often a few per cent off).
      findings.push({ name: 'sizes', value: (1 - pair.difference / (2 * sizeTolerance)) / 3, field: 'measurements', detail: versus });
    } else if (pair.difference > sizeContradiction && (pair.reported.dimension !== undefined || object.size.lengths.length >= 2 || outgrows(pair.reported, object.size.lengths)) && !disagreed.has(key) && !agreed.has(key)) {
      // An unnamed size may be any part of the object: it contradicts only when it fits none of two or more recorded dimensions,
      // or is more than twice every size the record gives (a record giving one size gives the largest).
      disagreed.add(key);
      findings.push({ name: 'sizesContradict', value: 1 / 2, field: 'measurements', detail: `${versus}: ${Math.round(pair.difference * 100)}% off, too far for the same object` });
    }
  }
  return findings;
}

const yearText = (year: number) => (year < 0 ? `${-year} BC` : String(year));
const yearsText = ([from, to]: [number, number]) => (from === to ? yearText(from) : `${yearText(from)} to ${yearText(to)}`);

function periodFindings(query: QueryFeatures, object: ObjectFeatures): Finding[] {
  if (!query.period || !object.period) return [];
  const [from, to] = object.period;
  if (query.period.from <= to && query.period.to >= from) {
    return [{ name: 'period', value: 1, field: 'dateOrPeriod', detail: `dated '${query.period.stated}', as the object is (${yearsText(object.period)})` }];
  }
  if (query.period.to < from - 100 || query.period.from > to + 100) {
    return [{ name: 'periodContradicts', value: 1, field: 'dateOrPeriod', detail: `the report dates it '${query.period.stated}', the object is dated ${yearsText(object.period)}` }];
  }
  return [];
}

function countryFindings(query: QueryFeatures, object: ObjectFeatures): Finding[] {
  return query.country && query.country === object.country ? [{ name: 'country', value: 1, field: 'country', detail: `lost in ${object.country}, as the report says` }] : [];
}

/** Every piece of evidence between a report and an object, before weighing: what the weights are fitted on. */
export function findingsFor(query: QueryFeatures, registry: Registry): (object: ObjectFeatures) => Finding[] {
  const wordWeights = new Map(query.words.map((word) => [word, registry.wordWeight(word)]));
  const total = [...wordWeights.values()].reduce((sum, value) => sum + value, 0);
  return (object) => [
    ...markFindings(query, object, registry),
    ...inscriptionFindings(query, object, registry),
    ...sizeFindings(query, object),
    ...typeFindings(query, object),
    ...conceptFindings(query.subjects, object.subjects, 'subject'),
    ...subjectFindings(query, object),
    ...conceptFindings(query.materials, object.materials, 'materials'),
    ...wordFindings(object, wordWeights, total, registry.rarest),
    ...countryFindings(query, object),
    ...periodFindings(query, object),
  ];
}

export const evidenceOf = (findings: Finding[]): Evidence => {
  const evidence: Evidence = {};
  for (const finding of findings) evidence[finding.name] = Math.min(1, (evidence[finding.name] ?? 0) + finding.value);
  return evidence;
};

/** Where a decisively contradicted object's score stops, as a share of the alert threshold. */
const contradictedCeiling = 0.9;
const sigmoid = (value: number) => 1 / (1 + Math.exp(-value));
const base = sigmoid(textWeights.bias);

export interface Scored {
  score: number;
  /** The fitted log-odds: orders candidates that all score 0. */
  logit: number;
  reasons: Reason[];
}

/**
 * The fitted probability that the object is the one reported, less what a report with no evidence at all would get, so that
 * nothing in common scores 0. Each reason's contribution is its share of the log-odds, scaled so that they add up to the score.
 */
export function weigh(findings: Finding[]): Scored {
  const evidence = evidenceOf(findings);
  let logit = textWeights.bias;
  for (const name of evidenceNames) logit += (textWeights.weights[name] ?? 0) * (evidence[name] ?? 0);
  const fitted = Math.max(0, (sigmoid(logit) - base) / (1 - base));
  // A decisive detail read with confidence and contradicted (another inventory number of the series, another legend, a size too
  // far for the same object, other animals depicted) keeps the object under the alert threshold, however much else agrees: a near twin agrees on
  // everything else.
  const decisivelyContradicted =
    evidence.markContradicts !== undefined || evidence.inscriptionContradicts !== undefined || evidence.sizesContradict !== undefined || evidence.subjectContradicts !== undefined;
  // The converse: a report giving an inventory number of the series, the same as one object's and no other's, names that
  // object however common everything else about it is (twenty icons of one saint, inscribed alike).
  const identified = findings.some((finding) => finding.identifies);
  const score = decisivelyContradicted ? Math.min(fitted, textAlertThreshold * contradictedCeiling) : identified ? Math.max(fitted, textAlertThreshold) : fitted;
  const spread = logit - textWeights.bias;
  // A report the evidence speaks against scores 0; its reasons still say how strongly, at a tenth of a point per unit of log-odds.
  const scale = spread > 0 ? score / spread : 0.1;
  const byDetail = new Map<string, Reason>();
  // Values capped in the sum are shared out in proportion among the findings of a kind.
  const raw = new Map<EvidenceName, number>();
  for (const finding of findings) raw.set(finding.name, (raw.get(finding.name) ?? 0) + finding.value);
  for (const finding of findings) {
    const share = ((evidence[finding.name] ?? 0) * finding.value) / (raw.get(finding.name) ?? 1);
    const contribution = (textWeights.weights[finding.name] ?? 0) * share * scale;
    // Word measures are one reason: the words in common, with their count and rarity folded in.
    const owner = finding.detail ? finding : findings.find((other) => other.field === finding.field && other.detail);
    if (!owner) continue;
    const known = byDetail.get(owner.detail);
    if (known) known.contribution += contribution;
    else byDetail.set(owner.detail, { field: owner.field, detail: owner.detail, contribution });
  }
  const reasons = [...byDetail.values()].map((reason) => ({ ...reason, contribution: points(reason.contribution) }));
  return { score: points(score), logit, reasons: reasons.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)) };
}

/** Scores objects against one report: what depends on the report alone is worked out once. */
export function scorerFor(query: QueryFeatures, registry: Registry): (object: ObjectFeatures) => Scored {
  const find = findingsFor(query, registry);
  return (object) => weigh(find(object));
}
