import { describe, expect, it } from 'vitest';
import { fold, tokenise } from '../../../../functions/matching/text/normalise.ts';
import { cousins, findConcepts, related } from '../../../../functions/matching/text/vocabulary.ts';
import { Vocabulary } from '../../../../schemas/vocabulary.ts';
import { vocabulary } from '../../../../schemas/vocabulary-terms.ts';

const conceptsIn = (text: string) => findConcepts(tokenise(fold(text))).hits.map((hit) => hit.concept);

describe('the vocabulary', () => {
  it('passes its schema: camelCase ids, unique, every wider concept known, no empty term', () => {
    // Act
    const result = Vocabulary.safeParse(vocabulary);

    // Assert
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('names every concept in all ten report languages', () => {
    // Arrange
    const languages = ['en', 'fr', 'es', 'de', 'it', 'ar', 'ru', 'tr', 'zh', 'el'];

    // Act
    const missing = vocabulary.flatMap((concept) => languages.filter((lang) => !concept.terms[lang as keyof typeof concept.terms]?.length).map((lang) => `${concept.id}/${lang}`));

    // Assert
    expect(missing).toEqual([]);
  });

  it('rejects a concept under a wider concept that does not exist', () => {
    // Arrange
    const terms = Object.fromEntries(['en', 'fr', 'es', 'de', 'it', 'ar', 'ru', 'tr', 'zh', 'el'].map((lang) => [lang, ['x']]));

    // Act
    const result = Vocabulary.safeParse([{ id: 'amphora', kind: 'objectType', broader: 'pot', terms }]);

    // Assert
    expect(result.success).toBe(false);
  });
});

describe('findConcepts', () => {
  it.each(['icon', 'icône', 'icono', 'Ikone', 'icona', 'أيقونة', 'икона', 'ikon', '圣像', 'εικόνα'])('reads %s as an icon', (term) => {
    // Arrange
    const text = `${term}`;

    // Act
    const concepts = conceptsIn(text);

    // Assert
    expect(concepts).toEqual(['icon']);
  });

  it.each([
    ['Icônes de saint Nicolas', ['icon', 'saintNicholas']],
    ['Икону святого Николая', ['icon', 'saintNicholas']],
    ['Εικόνα του Αγίου Νικολάου', ['icon', 'saintNicholas']],
    ['الأيقونات الخشبية', ['icon', 'wood']],
  ])('finds concepts through inflections: %s', (text, expected) => {
    // Arrange
    const input = text;

    // Act
    const concepts = conceptsIn(input);

    // Assert
    expect(concepts).toEqual(expected);
  });

  it('takes a multi-word term as one concept, not its parts', () => {
    // Arrange
    const text = "tempera e foglia d'oro su tavola";

    // Act
    const concepts = conceptsIn(text);

    // Assert
    expect(concepts).toEqual(['tempera', 'goldLeaf', 'wood']);
  });

  it('finds Chinese terms inside a run of characters, longest first', () => {
    // Arrange
    const text = '大理石雕像，金箔';

    // Act
    const concepts = conceptsIn(text);

    // Assert
    expect(concepts).toEqual(['marble', 'sculpture', 'goldLeaf']);
  });

  it('leaves the words no concept used for the free-text comparison', () => {
    // Arrange
    const tokens = tokenise(fold('Ikone mit Riss links'));

    // Act
    const { rest } = findConcepts(tokens);

    // Assert
    expect(rest).toEqual(['mit', 'riss', 'links']);
  });
});

describe('relations between concepts', () => {
  it('relates an amphora to a vase, and a statuette to a figure as cousins only', () => {
    // Arrange
    const pairs = [['amphora', 'vase'], ['statuette', 'figure'], ['coin', 'icon']] as const;

    // Act
    const relations = pairs.map(([a, b]) => ({ related: related(a, b), cousins: cousins(a, b) }));

    // Assert
    expect(relations).toEqual([
      { related: true, cousins: true },
      { related: false, cousins: true },
      { related: false, cousins: false },
    ]);
  });
});
