// The vocabulary's concepts and their terms in ten languages, without zod, so that the console's offline search can
// load the same vocabulary as the server. The data is built by scripts/build-vocabulary.ts from the tables in
// scripts/vocabulary/; schemas/vocabulary.ts validates it (test/unit/matching/text/vocabulary.test.ts).
import rows from './vocabulary-terms.json' with { type: 'json' };

import { type Concept, type ConceptKind, vocabularyLanguages } from './vocabulary-concept.ts';

export { type Concept, type ConceptKind, type VocabularyLanguage, vocabularyLanguages } from './vocabulary-concept.ts';

// Each row: id, kind, wider concept ('' for none), then each language's terms joined by "; ", "~" marking a shared term.
function conceptOf(row: string[]): Concept {
  const [id = '', kind = '', broader = '', ...columns] = row;
  const ambiguous: string[] = [];
  const terms = Object.fromEntries(
    vocabularyLanguages.map((language, at) => [
      language,
      (columns[at] ?? '').split('; ').filter(Boolean).map((term) => {
        if (!term.startsWith('~')) return term;
        ambiguous.push(term.slice(1));
        return term.slice(1);
      }),
    ]),
  ) as Concept['terms'];
  return { id, kind: kind as ConceptKind, ...(broader ? { broader } : {}), terms, ...(ambiguous.length > 0 ? { ambiguous } : {}) };
}

// The first English term of each concept is its label in reasons.
export const vocabulary: readonly Concept[] = (rows as string[][]).map(conceptOf);
