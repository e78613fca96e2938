// The vocabulary's concepts and their terms in ten languages, without zod, so that the console's offline search can
// load the same vocabulary as the server. The data is built by scripts/build-vocabulary.ts from the tables in
// scripts/vocabulary/; schemas/vocabulary.ts validates it (test/unit/matching/text/vocabulary.test.ts).
import concepts from './vocabulary-terms.json' with { type: 'json' };

export const vocabularyLanguages = ['en', 'fr', 'es', 'de', 'it', 'ar', 'ru', 'tr', 'zh', 'el'] as const;
export type VocabularyLanguage = (typeof vocabularyLanguages)[number];
export type ConceptKind = 'objectType' | 'material' | 'subject';

export interface Concept {
  id: string;
  kind: ConceptKind;
  /** A wider concept this one belongs to (a statuette is a sculpture): related, never contradicting. */
  broader?: string | undefined;
  terms: Record<VocabularyLanguage, string[]>;
  /** Terms knowingly shared with another concept ("tabla" is a panel in Spanish, "tablo" a painting in Turkish). */
  ambiguous?: string[] | undefined;
}

// The first English term of each concept is its label in reasons.
export const vocabulary: readonly Concept[] = concepts as Concept[];
