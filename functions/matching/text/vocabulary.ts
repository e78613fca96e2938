// Finds the vocabulary's concepts in folded text, longest term first, so "gold leaf" is one concept and not "gold" plus a leaf.
import { type Concept, type ConceptKind, vocabulary } from '../../../schemas/vocabulary-terms.ts';
import { fold, isHan, stem, tokenise } from './normalise.ts';

export interface ConceptHit {
  concept: string;
  kind: ConceptKind;
  /** The words of the text that named it, as written there (folded), for reasons. */
  term: string;
}

const conceptsById = new Map(vocabulary.map((concept) => [concept.id, concept]));
const wordTerms = new Map<string, Concept[]>();
const hanTerms: { term: string; concepts: Concept[] }[] = [];
// For each first word of a multi-word term, its longest term in words: other words need one lookup, not one per length.
const longestFrom = new Map<string, number>();

for (const concept of vocabulary) {
  for (const term of Object.values(concept.terms).flat()) {
    const words = tokenise(fold(term));
    if (words.length === 1 && isHan(words[0] ?? '')) {
      const entry = hanTerms.find((known) => known.term === words[0]);
      if (entry) entry.concepts.push(concept);
      else hanTerms.push({ term: words[0] ?? '', concepts: [concept] });
      continue;
    }
    const key = words.map(stem).join(' ');
    const known = wordTerms.get(key) ?? [];
    if (!known.includes(concept)) wordTerms.set(key, [...known, concept]);
    const first = stem(words[0] ?? '');
    longestFrom.set(first, Math.max(longestFrom.get(first) ?? 1, words.length));
  }
}
hanTerms.sort((a, b) => b.term.length - a.term.length);

export const conceptLabel = (id: string): string => conceptsById.get(id)?.terms.en[0] ?? id;

/** The concept and every wider one it lies under: an amphora, a vase. */
export function lineage(id: string): string[] {
  const chain = [id];
  for (let next = conceptsById.get(id)?.broader; next && !chain.includes(next); next = conceptsById.get(next)?.broader) chain.push(next);
  return chain;
}

/** True when one concept is the other or lies under it. */
export const related = (a: string, b: string): boolean => lineage(a).includes(b) || lineage(b).includes(a);

/** True when two concepts share a wider one (a statuette and a figure are both sculpture): too close to contradict. */
export const cousins = (a: string, b: string): boolean => lineage(a).some((id) => lineage(b).includes(id));

/** True when the id names a concept of the vocabulary: a type the vocabulary does not know can neither match nor contradict. */
export const isKnown = (id: string): boolean => conceptsById.has(id);

export type Relation = 'same' | 'narrower' | 'broader' | 'cousin' | 'unrelated';

/**
 * How a reported concept stands to a registered one: the same, a kind of it ("statuette" reported, "sculpture" registered:
 * narrower), what it is a kind of (broader), a sibling under a shared wider concept (cousin), or nothing in common.
 */
export function relation(reported: string, registered: string): Relation {
  if (reported === registered) return 'same';
  if (lineage(reported).includes(registered)) return 'narrower';
  if (lineage(registered).includes(reported)) return 'broader';
  return cousins(reported, registered) ? 'cousin' : 'unrelated';
}

function hanHits(run: string, hits: ConceptHit[]): void {
  for (let at = 0; at < run.length; ) {
    const entry = hanTerms.find(({ term }) => run.startsWith(term, at));
    if (!entry) {
      at += 1;
      continue;
    }
    for (const concept of entry.concepts) hits.push({ concept: concept.id, kind: concept.kind, term: entry.term });
    at += entry.term.length;
  }
}

/** Concepts named in a list of folded tokens, and the tokens no concept used (the rest of the free text). */
export function findConcepts(tokens: string[]): { hits: ConceptHit[]; rest: string[] } {
  const hits: ConceptHit[] = [];
  const rest: string[] = [];
  const stemmed = tokens.map(stem);
  for (let at = 0; at < tokens.length; ) {
    const token = tokens[at] ?? '';
    if (isHan(token)) {
      hanHits(token, hits);
      rest.push(token);
      at += 1;
      continue;
    }
    let matched = 0;
    for (let length = Math.min(longestFrom.get(stemmed[at] ?? '') ?? 1, tokens.length - at); length > 0 && matched === 0; length -= 1) {
      const concepts = wordTerms.get(length === 1 ? (stemmed[at] ?? '') : stemmed.slice(at, at + length).join(' '));
      if (!concepts) continue;
      for (const concept of concepts) hits.push({ concept: concept.id, kind: concept.kind, term: tokens.slice(at, at + length).join(' ') });
      matched = length;
    }
    if (matched === 0) rest.push(token);
    at += Math.max(matched, 1);
  }
  return { hits, rest };
}
