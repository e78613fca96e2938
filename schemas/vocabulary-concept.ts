// The shape of a vocabulary concept and its ten languages, apart from the data so that the script building the data can use it.
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
