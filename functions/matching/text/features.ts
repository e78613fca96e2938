// Reduces a registered object or a report to the comparable evidence the index stores and the scorer weighs.
import type { IndexedObject, TextQuery } from '../model.ts';
import { consonants, skeleton, trigramPositions, trigrams } from './inscriptions.ts';
import { type Mark, markOf, marksInText } from './markings.ts';
import { type Size, mergeSizes, sizeOfRecord, sizeOfText } from './measurements.ts';
import { fold, isHan, isStopWord, stem, tokenise } from './normalise.ts';
import { type StatedPeriod, periodOutsideMarks } from './period.ts';
import { type ConceptHit, findConcepts } from './vocabulary.ts';

/** What the index keeps of an object: small, plain and serialisable, so a snapshot of a million of them stays loadable. */
export interface ObjectFeatures {
  id: string;
  country: string;
  objectType: string;
  /** Whether the vocabulary knows the record's type field: a type read from its prose is only a hint. */
  typeKnown: boolean;
  types: string[];
  materials: string[];
  subjects: string[];
  /** Folded words of the free-text fields that no concept used, unstemmed, to quote them as the record writes them. */
  words: string[];
  inscriptions: string[];
  markings: string[];
  size: Size;
  /** The years the record dates the object to, from its date field or its prose; 0 when it gives none. */
  period: [from: number, to: number] | 0;
}

/** The key under which the index counts the objects carrying an inscription: a reign mark is carried by every piece of its reign. */
export const inscriptionKey = (text: string): string => `i:${skeleton(text)}`;
/** The key under which the index counts the objects carrying a mark. */
export const markKey = (mark: Mark): string => `m:${mark.key}`;
/** The inscriptions and marks of an object, as counted: the same line or mark on several objects tells none of them apart. */
export const carriedKeys = (object: ObjectFeatures): string[] => [...new Set([...object.inscriptions.map(inscriptionKey), ...object.markings.map((text) => markKey(markOf(text)))])];

export interface Reading {
  text: string;
  grams: string[];
  gramSet: ReadonlySet<string>;
  /** Trigrams of the skeleton without vowels, to compare a reading with an inscription in another script. */
  consonantGrams: string[];
  consonantSet: ReadonlySet<string>;
  /** Letters in the skeleton. */
  length: number;
}

export const readingOf = (text: string): Reading => {
  const letters = skeleton(text);
  const grams = trigrams(letters);
  const consonantGrams = trigrams(consonants(letters));
  return { text, grams, gramSet: new Set(grams), consonantGrams, consonantSet: new Set(consonantGrams), length: letters.length };
};

export interface QueryFeatures {
  types: ConceptHit[];
  materials: ConceptHit[];
  subjects: ConceptHit[];
  words: string[];
  /** Readings the reporter gave as an inscription, with their trigrams: they can contradict. */
  inscriptions: Reading[];
  /** Other quotations: only a number in them that the object's lines lack can speak against it. */
  quotations: string[];
  /** Readings of a stamp the report quotes: against a stamp the object's markings quote in the same script, they can contradict. */
  stamps: Reading[];
  /** Where each trigram of the whole report starts: an inscription may appear in it unannounced. */
  textGrams: ReadonlyMap<string, number[]>;
  marks: Mark[];
  /** Bare numbers of three digits or more: perhaps a mark, perhaps a year, so they only support. */
  numbers: string[];
  size: Size;
  period?: StatedPeriod;
  country?: string;
}

const unique = <T>(values: T[]) => [...new Set(values)];

// Chinese has no spaces: overlapping character pairs stand in for words.
const hanWords = (run: string) => (run.length === 1 ? [run] : Array.from({ length: run.length - 1 }, (_, at) => run.slice(at, at + 2)));

/** The words worth comparing, as written (folded): Chinese runs cut into pairs, short words, numbers and stop words left out. */
export function plainWordsOf(rest: string[]): string[] {
  return unique(
    rest.flatMap((token) => {
      if (isHan(token)) return hanWords(token);
      if (token.length < 3 || /^\d+$/.test(token) || isStopWord(token)) return [];
      return [token];
    }),
  );
}

/** The words as compared: stemmed. */
export const wordsOf = (rest: string[]): string[] => unique(plainWordsOf(rest).map(stem));

// An object's stems are worked out when it is first scored and kept while the object lives.
const stemsOf = new WeakMap<ObjectFeatures, string[]>();
/** The stems of an object's words, in the order of its words. */
export function stemmedWords(object: ObjectFeatures): string[] {
  let known = stemsOf.get(object);
  if (!known) {
    known = object.words.map(stem);
    stemsOf.set(object, known);
  }
  return known;
}

const conceptsOf = (text: string) => findConcepts(tokenise(fold(text)));
const idsOf = (hits: ConceptHit[], kind: ConceptHit['kind']) => unique(hits.filter((hit) => hit.kind === kind).map((hit) => hit.concept));

export function objectFeatures(object: IndexedObject): ObjectFeatures {
  const typeField = conceptsOf(object.objectType);
  const materialFields = conceptsOf([...(object.materials ?? []), ...(object.techniques ?? [])].join(' ; '));
  const prose = [object.title, object.subject, object.description, object.distinguishingFeatures, object.maker, object.culture, object.dateOrPeriod]
    .filter((field) => field !== undefined)
    .join(' ; ');
  const proseConcepts = conceptsOf(prose);
  const types = idsOf(typeField.hits, 'objectType');
  const inscriptions = (object.inscriptions ?? []).map((inscription) => inscription.text);
  const period = periodOutsideMarks(fold(object.dateOrPeriod ?? '')) ?? periodOutsideMarks(fold(prose));
  return {
    id: object.id,
    country: object.country,
    objectType: object.objectType,
    typeKnown: types.length > 0,
    // A record whose type field the vocabulary does not know may still say what it is in its title or description.
    types: types.length > 0 ? types : idsOf(proseConcepts.hits, 'objectType'),
    materials: idsOf([...materialFields.hits, ...proseConcepts.hits], 'material'),
    subjects: idsOf([...typeField.hits, ...proseConcepts.hits], 'subject'),
    words: plainWordsOf([...typeField.rest, ...materialFields.rest, ...proseConcepts.rest]),
    inscriptions,
    markings: (object.markings ?? []).map((marking) => marking.text),
    size: sizeOfRecord(object.measurements),
    period: period ? [period.from, period.to] : 0,
  };
}

// A quotation only counts as a reading of an inscription when the report says so nearby: a quoted title is not one.
const inscriptionCue =
  /(inscri\w*|inschrift\w*|iscri\w*|legend\w*|reads?|lettering|nadpis\w*|yazit\w*|yazi\w*|epigraf\w*|katab\w*|nqsh|kitab\w*|铭文|题字|题记|刻字)\W*$/u;
const quoted = /["«„“”「『]([^"«»„“”」』]{2,120})["»“”」』]|(?<!\p{L})'([^']{2,120})'(?!\p{L})/gu;

// A quotation after a word for a stamp is the stamp's reading: "Timbro «BIBLIOTECA DEI CAPPUCCINI»", "stamp 'Bibl. Civ.'".
const stampCue = /(?<!\p{L})(stamp\w*|timbr\w*|tampon\w*|cachet\w*|stempel\w*|sello\w*|estampill\w*|shtamp\w*|pechat\w*|muhur\w*|damga\w*)/u;

/** Quotations in a text: those announced as an inscription, those read on a stamp, and the rest (titles, labels, perhaps a line). */
function quotationsIn(text: string): { readings: string[]; stamps: string[]; unannounced: string[] } {
  const readings: string[] = [];
  const stamps: string[] = [];
  const unannounced: string[] = [];
  for (const match of text.matchAll(quoted)) {
    const before = fold(text.slice(Math.max(0, (match.index ?? 0) - 40), match.index));
    const quotation = (match[1] ?? match[2] ?? '').trim();
    if (inscriptionCue.test(before.replace(/[\s:,.()-]+$/u, ' '))) {
      readings.push(quotation);
      continue;
    }
    if (stampCue.test(before)) stamps.push(quotation);
    unannounced.push(quotation);
  }
  return { readings, stamps, unannounced };
}

/** The stamps a record's markings quote ("Timbro a inchiostro nero « BIBL. CIV. S. ELIA » in basso"). */
export const stampsOf = (markings: string[]): string[] => markings.flatMap((marking) => quotationsIn(marking).stamps);

// Letters and digits OCR and hurried typing confuse: "Egypt1an fa1ence", "0siris", "Rornan", "Hadrlan".
const confusions: [RegExp, string][] = [
  [/1/g, 'i'],
  [/1/g, 'l'],
  [/0/g, 'o'],
  [/5/g, 's'],
  [/rn/g, 'm'],
  [/l/g, 'i'],
  [/i/g, 'l'],
];

/** The stem of a word, or of its reading with OCR confusions undone when only that reading is a word the registry knows. */
function ocrStem(token: string, known: (stem: string) => boolean): string {
  const plain = stem(token);
  if (known(plain) || !/[a-z]/.test(token)) return plain;
  for (const [pattern, replacement] of confusions) {
    const variant = token.replace(pattern, replacement);
    if (variant !== token && known(stem(variant))) return stem(variant);
  }
  return plain;
}

/**
 * A report's evidence. `known` says whether the registry has a word (a stem): a word it does not have is read again with
 * OCR's letter and digit confusions undone, so one misread letter does not lose the word.
 */
export function queryFeatures(query: TextQuery, known: (stem: string) => boolean = () => true): QueryFeatures {
  const structured = query.structured ?? {};
  const text = query.text ?? '';
  const folded = fold(text);
  const typeField = conceptsOf(structured.objectType ?? '');
  const materialField = conceptsOf((structured.materials ?? []).join(' ; '));
  const free = findConcepts(tokenise(folded));
  const hits = [...typeField.hits, ...materialField.hits, ...free.hits];
  const byKind = (kind: ConceptHit['kind']) => [...new Map(hits.filter((hit) => hit.kind === kind).map((hit) => [hit.concept, hit])).values()];
  const textMarks = marksInText(folded);
  const sizeOfStructured = sizeOfRecord(structured.measurements);
  const period = periodOutsideMarks(folded);
  const quotations = quotationsIn(text);
  return {
    types: byKind('objectType'),
    materials: byKind('material'),
    subjects: byKind('subject'),
    words: unique(plainWordsOf([...typeField.rest, ...materialField.rest, ...free.rest]).map((token) => ocrStem(token, known))),
    inscriptions: unique([...(structured.inscriptions ?? []), ...quotations.readings]).map(readingOf),
    quotations: quotations.unannounced,
    stamps: quotations.stamps.map(readingOf),
    textGrams: trigramPositions(skeleton([text, ...(structured.inscriptions ?? [])].join(' '))),
    marks: [...(structured.markings ?? []).map(markOf), ...textMarks.claimed],
    numbers: textMarks.loose,
    size: mergeSizes(sizeOfStructured, sizeOfText(text)),
    ...(period ? { period } : {}),
    ...(structured.country ? { country: structured.country } : {}),
  };
}
