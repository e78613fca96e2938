// The schema of the multilingual vocabulary (schemas/vocabulary-terms.ts): object types, materials and subjects, so that
// a report in one language meets a record in another.
import * as z from 'zod';
import { type Concept as ConceptTerms, type ConceptKind as Kind, vocabularyLanguages } from './vocabulary-terms.ts';

export const ConceptKind: z.ZodType<Kind> = z.enum(['objectType', 'material', 'subject']);

const terms = z.array(z.string().trim().min(1)).min(1);

export const Concept: z.ZodType<ConceptTerms> = z.strictObject({
  id: z.string().regex(/^[a-z][a-zA-Z]*$/, 'must be a camelCase identifier'),
  kind: ConceptKind,
  /** A wider concept this one belongs to (a statuette is a sculpture): related, never contradicting. */
  broader: z.string().optional(),
  terms: z.strictObject(Object.fromEntries(vocabularyLanguages.map((lang) => [lang, terms])) as Record<(typeof vocabularyLanguages)[number], typeof terms>),
  /** Terms knowingly shared with another concept; any other term names one concept only. */
  ambiguous: z.array(z.string().min(1)).optional(),
});

export const Vocabulary = z.array(Concept).superRefine((concepts, ctx) => {
  const ids = new Set(concepts.map((concept) => concept.id));
  concepts.forEach((concept, index) => {
    if (concept.broader && !ids.has(concept.broader)) ctx.addIssue({ code: 'custom', path: [index, 'broader'], message: `names an unknown concept "${concept.broader}"` });
  });
  if (ids.size !== concepts.length) ctx.addIssue({ code: 'custom', path: [], message: 'concept ids must be unique' });
});
