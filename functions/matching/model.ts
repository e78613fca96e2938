// The vocabulary of matching: what a query asks, what a candidate is, and why it scored as it did.
import type { RegisterObject } from '../../schemas/object-id.ts';
import type { MatchedRegion } from './photo/matched-region.ts';
import { detectLanguage } from './text/language.ts';

/** One human-readable piece of evidence, e.g. "height 30 cm vs 12 in (30.5 cm)". Contribution is signed, in score points (-1..1). */
export interface Reason {
  field: string;
  detail: string;
  contribution: number;
  /** Photo evidence: where on the query photo the object was found, in shares of its sides. */
  region?: MatchedRegion;
  /** Photo evidence from a small query photo: thin, and said so in the confidence. */
  limited?: true;
}

/** What the text matcher indexes of a registered object: its Object ID description. */
export type IndexedObject = Pick<
  RegisterObject,
  | 'lang'
  | 'objectType'
  | 'title'
  | 'materials'
  | 'techniques'
  | 'measurements'
  | 'inscriptions'
  | 'markings'
  | 'distinguishingFeatures'
  | 'subject'
  | 'dateOrPeriod'
  | 'maker'
  | 'culture'
  | 'description'
> & { id: string; country: string };

/** A report or search: free text in some language, and whatever the reporter could structure. */
export interface TextQuery {
  text?: string;
  lang?: string;
  structured?: {
    objectType?: string;
    materials?: string[];
    measurements?: RegisterObject['measurements'];
    inscriptions?: string[];
    markings?: string[];
    country?: string;
  };
}

/** The text query a report makes, if it says anything the text matcher can read. */
/** The text part of a sighting or a search, in the language it is written in whatever tag it came with (or none). */
export function textOf(described: TextQuery): TextQuery | undefined {
  if (!described.text && !described.structured) return undefined;
  const { structured } = described;
  const words = [described.text, structured?.objectType, ...(structured?.materials ?? [])].filter((part) => part !== undefined).join(' ');
  return { text: described.text, lang: detectLanguage(words, described.lang), structured };
}

export interface Candidate {
  objectId: string;
  /** 0..1, calibrated so that the alert threshold means the same thing for text, photo and both. */
  score: number;
  reasons: Reason[];
}

/** What one text search cost: objects pulled from the postings, and how many of them were fully scored. */
export interface TextSearchStats {
  candidates: number;
  scored: number;
}

/** The text matcher's index of registered objects, kept in memory and carried between cold starts as a snapshot. */
export interface TextIndex {
  upsert(object: IndexedObject): void;
  remove(id: string): void;
  search(query: TextQuery, limit: number): Candidate[];
  readonly size: number;
  toSnapshot(): string | Uint8Array;
}
