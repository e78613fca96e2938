// Weighs the evidence between a report and one object into a score 0..1, with a reason a person can check for every point given or taken.
import type { Reason } from '../model.ts';
import { type ObjectFeatures, type QueryFeatures, type Reading, readingOf } from './features.ts';
import { containment, containmentInText, inscriptionAgreement, inscriptionContradiction, minimumReading } from './inscriptions.ts';
import { type MarkAgreement, compareMarks, markOf } from './markings.ts';
import { compareSizes, describe, sizeContradiction, sizeTolerance } from './measurements.ts';
import { fold, isTransliterated } from './normalise.ts';
import { type ConceptHit, conceptLabel, cousins, related } from './vocabulary.ts';

// Weights are in score points and add up to the score (agreement up to 1). They follow how much each kind of evidence narrows
// the field: many objects share a type or a material, few share a size, an inscription almost never, an inventory number never.
// Nothing short of a decisive detail (inscription, mark, size) or several agreeing ones lifts a report over the threshold, and a
// contradicted decisive detail costs more than a match gains, because a near twin agrees on everything else.
const weight = {
  typeSame: 0.15,
  typeRelated: 0.1,
  typeContradicts: -0.2,
  material: 0.05,
  materials: 0.15,
  subject: 0.1,
  subjects: 0.15,
  words: 0.3,
  inscription: 0.35,
  inscriptionInText: 0.3,
  inscriptionContradicts: -0.45,
  markSame: 0.4,
  markContains: 0.3,
  markContradicts: -0.45,
  numberInMark: 0.25,
  size: 0.1,
  sizes: 0.2,
  sizeContradicts: -0.3,
  sizesContradict: -0.45,
  country: 0.05,
  // Dating is often loose in a catalogue and sometimes changed on purpose: agreement adds little, and only a date a
  // century or more away from the record's counts against.
  period: 0.05,
  periodContradicts: -0.15,
} as const;

/** A report at or above this is worth an alert: it needs a decisive detail, or several agreeing ones, and nothing contradicting. */
export const textAlertThreshold = 0.6;

const points = (value: number) => Math.round(value * 1000) / 1000;
const percent = (value: number) => `${Math.round(value * 100)}%`;

function termNote(hit: ConceptHit, label: string): string {
  return fold(label) === hit.term ? '' : ` (${hit.term} = ${label})`;
}

function typeReasons(query: QueryFeatures, object: ObjectFeatures): Reason[] {
  if (query.types.length === 0 || object.types.length === 0) return [];
  const same = query.types.find((hit) => object.types.includes(hit.concept));
  if (same) {
    const label = conceptLabel(same.concept);
    const record = fold(object.objectType) === fold(label) ? '' : `, recorded as '${object.objectType}'`;
    return [{ field: 'objectType', detail: `object type ${label}${termNote(same, label)}${record}`, contribution: weight.typeSame }];
  }
  const near = query.types.find((hit) => object.types.some((type) => related(type, hit.concept)));
  if (near) {
    return [{ field: 'objectType', detail: `object type ${conceptLabel(near.concept)} is close to the recorded ${object.objectType}`, contribution: weight.typeRelated }];
  }
  if (query.types.some((hit) => object.types.some((type) => cousins(type, hit.concept)))) return [];
  const reported = query.types.map((hit) => conceptLabel(hit.concept)).join(' or ');
  return [{ field: 'objectType', detail: `the report describes a ${reported}, the object is a ${object.objectType}`, contribution: weight.typeContradicts }];
}

function conceptReasons(hits: ConceptHit[], concepts: string[], field: 'materials' | 'subject'): Reason[] {
  const shared = hits.filter((hit) => concepts.some((concept) => related(concept, hit.concept)));
  if (shared.length === 0) return [];
  const each = field === 'materials' ? weight.material : weight.subject;
  const cap = field === 'materials' ? weight.materials : weight.subjects;
  const names = shared.map((hit) => `${conceptLabel(hit.concept)}${termNote(hit, conceptLabel(hit.concept))}`).join(', ');
  return [{ field, detail: `${field === 'materials' ? 'materials' : 'subject'}: ${names}`, contribution: Math.min(cap, each * shared.length) }];
}

function wordReasons(object: ObjectFeatures, wordWeights: ReadonlyMap<string, number>, total: number): Reason[] {
  let common = 0;
  const shared: string[] = [];
  for (const word of object.words) {
    const value = wordWeights.get(word);
    if (value) {
      common += value;
      shared.push(word);
    }
  }
  if (common === 0) return [];
  const share = common / total;
  return [{ field: 'description', detail: `words in common: ${shared.slice(0, 8).join(', ')} (${percent(share)} of the report's distinctive words)`, contribution: points(weight.words * share) }];
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

function inscriptionReasons(query: QueryFeatures, object: ObjectFeatures): Reason[] {
  if (object.inscriptions.length === 0) return [];
  const registered = readingsOf(object);
  let agreeing: Reason | undefined;
  let contradicting: Reason | undefined;
  for (const reading of query.inscriptions) {
    let best = { share: 0, text: '' };
    for (const inscription of registered) {
      const share = containment(reading.grams, inscription.gramSet);
      if (share > best.share) best = { share, text: inscription.text };
    }
    if (best.share >= inscriptionAgreement && (!agreeing || weight.inscription * best.share > agreeing.contribution)) {
      agreeing = { field: 'inscriptions', detail: `inscription '${best.text}' matches '${reading.text}'${transliterated(best.text, reading.text)}`, contribution: points(weight.inscription * best.share) };
    } else if (best.share < inscriptionContradiction && reading.grams.length >= minimumReading) {
      const on = object.inscriptions.map((text) => `'${text}'`).join(', ');
      contradicting = { field: 'inscriptions', detail: `the report reads '${reading.text}', the object is inscribed ${on}`, contribution: weight.inscriptionContradicts };
    }
  }
  // One reading that fits is enough: reporters often copy a second line badly.
  if (agreeing) return [agreeing];
  if (contradicting) return [contradicting];
  if (query.inscriptions.length > 0) return [];
  // No reading announced: the report may still quote the inscription in passing.
  for (const inscription of registered) {
    if (inscription.grams.length < minimumReading) continue;
    const share = containmentInText(inscription.grams, inscription.length, query.textGrams);
    if (share >= inscriptionAgreement) {
      return [{ field: 'inscriptions', detail: `inscription '${inscription.text}' appears in the report${isTransliterated(inscription.text) ? ' (transliterated)' : ''}`, contribution: points(weight.inscriptionInText * share) }];
    }
  }
  return [];
}

function markReasons(query: QueryFeatures, object: ObjectFeatures): Reason[] {
  if (object.markings.length === 0) return [];
  const registered = object.markings.map(markOf);
  let best: { agreement: MarkAgreement; reported: string; registered: string } | undefined;
  let contradicted: { reported: string } | undefined;
  for (const mark of query.marks) {
    const verdicts = registered.map((other) => ({ agreement: compareMarks(mark, other), registered: other.text }));
    const agreeing = verdicts.find((verdict) => verdict.agreement === 'same') ?? verdicts.find((verdict) => verdict.agreement === 'contains');
    if (agreeing?.agreement && (!best || best.agreement === 'contains')) best = { agreement: agreeing.agreement, reported: mark.text, registered: agreeing.registered };
    else if (!agreeing && verdicts.some((verdict) => verdict.agreement === 'contradicts')) contradicted = { reported: mark.text };
  }
  if (best?.agreement === 'same') return [{ field: 'markings', detail: `marking '${best.registered}' is '${best.reported}'`, contribution: weight.markSame }];
  if (best) return [{ field: 'markings', detail: `marking '${best.registered}' contains '${best.reported}'`, contribution: weight.markContains }];
  if (contradicted) {
    const on = object.markings.map((text) => `'${text}'`).join(', ');
    return [{ field: 'markings', detail: `the report gives '${contradicted.reported}', the object is marked ${on}`, contribution: weight.markContradicts }];
  }
  for (const number of query.numbers) {
    const holder = registered.find((mark) => mark.numbers.includes(number));
    if (holder) return [{ field: 'markings', detail: `marking '${holder.text}' contains '${number}'`, contribution: weight.numberInMark }];
  }
  return [];
}

function sizeReasons(query: QueryFeatures, object: ObjectFeatures): Reason[] {
  const reasons: Reason[] = [];
  let gained = 0;
  let lost = 0;
  for (const pair of compareSizes(query.size, object.size)) {
    const unit = pair.registered.dimension === 'weight' ? 'g' : 'cm';
    const what = pair.registered.dimension ?? 'size';
    const versus = `${what} ${describe(pair.registered, unit)} vs ${describe(pair.reported, unit)}`;
    if (pair.difference <= sizeTolerance && gained < weight.sizes) {
      const contribution = Math.min(weight.size, weight.sizes - gained);
      gained += contribution;
      reasons.push({ field: 'measurements', detail: versus, contribution: points(contribution) });
    } else if (pair.difference > sizeContradiction && lost > weight.sizesContradict) {
      const contribution = Math.max(weight.sizeContradicts, weight.sizesContradict - lost);
      lost += contribution;
      reasons.push({ field: 'measurements', detail: `${versus}: ${percent(pair.difference)} off, too far for the same object`, contribution: points(contribution) });
    }
  }
  return reasons;
}

const yearText = (year: number) => (year < 0 ? `${-year} BC` : String(year));
const yearsText = ([from, to]: [number, number]) => (from === to ? yearText(from) : `${yearText(from)} to ${yearText(to)}`);

function periodReasons(query: QueryFeatures, object: ObjectFeatures): Reason[] {
  if (!query.period || !object.period) return [];
  const [from, to] = object.period;
  if (query.period.from <= to && query.period.to >= from) {
    return [{ field: 'dateOrPeriod', detail: `dated '${query.period.stated}', as the object is (${yearsText(object.period)})`, contribution: weight.period }];
  }
  if (query.period.to < from - 100 || query.period.from > to + 100) {
    return [{ field: 'dateOrPeriod', detail: `the report dates it '${query.period.stated}', the object is dated ${yearsText(object.period)}`, contribution: weight.periodContradicts }];
  }
  return [];
}

function countryReasons(query: QueryFeatures, object: ObjectFeatures): Reason[] {
  return query.country && query.country === object.country ? [{ field: 'country', detail: `lost in ${object.country}, as the report says`, contribution: weight.country }] : [];
}

/** Scores objects against one report: what depends on the report alone is worked out once. */
export function scorerFor(query: QueryFeatures, wordWeight: (word: string) => number): (object: ObjectFeatures) => { score: number; reasons: Reason[] } {
  const wordWeights = new Map(query.words.map((word) => [word, wordWeight(word)]));
  const total = [...wordWeights.values()].reduce((sum, value) => sum + value, 0);
  return (object) => {
    const reasons = [
      ...markReasons(query, object),
      ...inscriptionReasons(query, object),
      ...sizeReasons(query, object),
      ...typeReasons(query, object),
      ...conceptReasons(query.subjects, object.subjects, 'subject'),
      ...conceptReasons(query.materials, object.materials, 'materials'),
      ...wordReasons(object, wordWeights, total),
      ...countryReasons(query, object),
      ...periodReasons(query, object),
    ];
    // Agreement counts up to certainty, no further; a contradiction is then taken from that. Summed the other way, a
    // near twin that agrees on everything else would carry its surplus over the contradicted inventory number.
    const gained = reasons.reduce((running, reason) => running + Math.max(0, reason.contribution), 0);
    const lost = reasons.reduce((running, reason) => running + Math.min(0, reason.contribution), 0);
    return { score: points(Math.max(0, Math.min(1, gained) + lost)), reasons: reasons.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)) };
  };
}
