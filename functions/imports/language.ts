// The language of a record that does not say (no column, no --lang, no mapping default), told from its own text.
// 'und' (BCP 47 "undetermined") when the text is too short to tell: a record's language is never a reason to refuse it.
import { detectLanguage } from '../matching/text/language.ts';

const textFields = ['title', 'description', 'subject', 'distinguishingFeatures', 'objectType', 'materials', 'techniques'];

export function recordLanguage(record: Record<string, unknown>): string {
  const text = textFields
    .flatMap((field) => record[field] ?? [])
    .filter((value): value is string => typeof value === 'string')
    .join('. ');
  return detectLanguage(text) ?? 'und';
}
