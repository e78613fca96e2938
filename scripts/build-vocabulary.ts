// Builds schemas/vocabulary-terms.json, the matching vocabulary, from the tables in scripts/vocabulary/: `npm run vocabulary`.
// Each table row is one concept: its id, the id of the wider concept it is a kind of (or nothing), and its terms in the ten
// report languages, separated by "; ". A term written "~term" is knowingly shared with another concept (ambiguous).
// Sources are named in scripts/vocabulary/README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Concept, type ConceptKind, vocabularyLanguages } from '../schemas/vocabulary-concept.ts';

const tables: [file: string, kind: ConceptKind][] = [
  ['object-types.tsv', 'objectType'],
  ['materials.tsv', 'material'],
  ['subjects.tsv', 'subject'],
];

export const sourcesDirectory = join(import.meta.dirname, 'vocabulary');
export const outputFile = join(import.meta.dirname, '../schemas/vocabulary-terms.json');
export const kindsFile = join(import.meta.dirname, '../schemas/vocabulary-kinds.json');

function conceptOf(line: string, kind: ConceptKind, where: string): Concept {
  const [id = '', broader = '', ...columns] = line.split('\t');
  if (columns.length !== vocabularyLanguages.length) throw new Error(`${where}: ${columns.length} language columns, expected ${vocabularyLanguages.length}`);
  const ambiguous: string[] = [];
  const terms = Object.fromEntries(
    vocabularyLanguages.map((language, at) => [
      language,
      (columns[at] ?? '')
        .split(';')
        .map((term) => term.trim())
        .filter(Boolean)
        .map((term) => {
          if (!term.startsWith('~')) return term;
          ambiguous.push(term.slice(1));
          return term.slice(1);
        }),
    ]),
  ) as Concept['terms'];
  return { id: id.trim(), kind, ...(broader.trim() ? { broader: broader.trim() } : {}), terms, ...(ambiguous.length > 0 ? { ambiguous } : {}) };
}

/** Every concept of the tables, in table order. */
export function vocabularyFromSources(directory = sourcesDirectory): Concept[] {
  return tables.flatMap(([file, kind]) =>
    readFileSync(join(directory, file), 'utf8')
      .split('\n')
      .map((line, at) => [line, `${file}:${at + 1}`] as const)
      .filter(([line]) => line.trim() !== '' && !line.startsWith('#'))
      .map(([line, where]) => conceptOf(line, kind, where)),
  );
}

// One concept a line, as a row of the table it came from ([id, kind, wider concept, the terms of each language joined by
// "; ", "~" marking a shared term]): the file stays diffable, and small for the console's offline search and every
// matching Lambda that bundles it. schemas/vocabulary-terms.ts reads the rows back into concepts.
export const serialise = (concepts: Concept[]) =>
  `[\n${concepts
    .map((concept) =>
      JSON.stringify([
        concept.id,
        concept.kind,
        concept.broader ?? '',
        ...vocabularyLanguages.map((language) => concept.terms[language].map((term) => (concept.ambiguous?.includes(term) ? `~${term}` : term)).join('; ')),
      ]),
    )
    .join(',\n')}\n]\n`;

// The concept ids of each kind alone, for what only checks ids (the Red List categories): every function loads those, and the
// whole vocabulary would add 140 KB to each.
export const serialiseKinds = (concepts: Concept[]) =>
  `${JSON.stringify(Object.fromEntries(tables.map(([, kind]) => [kind, concepts.filter((concept) => concept.kind === kind).map((concept) => concept.id)])))}\n`;

if (import.meta.main) {
  const concepts = vocabularyFromSources();
  writeFileSync(outputFile, serialise(concepts));
  writeFileSync(kindsFile, serialiseKinds(concepts));
  const count = (kind: ConceptKind) => concepts.filter((concept) => concept.kind === kind).length;
  console.log(`${outputFile}: ${count('objectType')} object types, ${count('material')} materials, ${count('subject')} subjects`);
}
