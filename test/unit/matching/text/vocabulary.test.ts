import { describe, expect, it } from 'vitest';
import { fold, tokenise } from '../../../../functions/matching/text/normalise.ts';
import { fold as foldText, isHan, isStopWord, stem } from '../../../../functions/matching/text/normalise.ts';
import { cousins, findConcepts, isKnown, related, relation } from '../../../../functions/matching/text/vocabulary.ts';
import { kindsFile, outputFile, serialise, serialiseKinds, vocabularyFromSources } from '../../../../scripts/build-vocabulary.ts';
import { readFileSync } from 'node:fs';
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

  it('is the data its tables build (npm run vocabulary), so the tables are the one place terms are edited', () => {
    // Act
    const concepts = vocabularyFromSources();

    // Assert
    expect(serialise(concepts)).toBe(readFileSync(outputFile, 'utf8'));
    expect(serialiseKinds(concepts)).toBe(readFileSync(kindsFile, 'utf8'));
  });

  it('holds at least 300 object types and 150 materials', () => {
    // Act
    const count = (kind: string) => vocabulary.filter((concept) => concept.kind === kind).length;

    // Assert
    expect([count('objectType') >= 300, count('material') >= 150]).toEqual([true, true]);
  });

  it('gives no term to two concepts unless both mark it ambiguous', () => {
    // Arrange
    const keyOf = (term: string) => tokenise(foldText(term)).map(stem).join(' ');
    const owners = new Map<string, { id: string; marked: boolean }[]>();
    for (const concept of vocabulary) {
      for (const term of Object.values(concept.terms).flat()) {
        const key = keyOf(term);
        const marked = concept.ambiguous?.includes(term) ?? false;
        const known = owners.get(key) ?? [];
        if (!known.some((owner) => owner.id === concept.id)) owners.set(key, [...known, { id: concept.id, marked }]);
        else if (marked) owners.set(key, known.map((owner) => (owner.id === concept.id ? { ...owner, marked } : owner)));
      }
    }

    // Act
    const clashes = [...owners].filter(([, ids]) => ids.length > 1 && ids.some((owner) => !owner.marked)).map(([key, ids]) => `${key}: ${ids.map((owner) => owner.id).join(', ')}`);

    // Assert
    expect(clashes).toEqual([]);
  });

  it('has no one-word term that reads as a stop word of a report language once folded (Greek "του" is "toy")', () => {
    // Act
    const stops = vocabulary.flatMap((concept) =>
      Object.values(concept.terms)
        .flat()
        .map((term) => tokenise(foldText(term)))
        .filter((words) => words.length === 1 && !isHan(words[0] ?? '') && isStopWord(words[0] ?? ''))
        .map((words) => `${concept.id}: ${words[0]}`),
    );

    // Assert
    expect(stops).toEqual([]);
  });

  it('places each concept under a wider one of its own kind, without cycles', () => {
    // Arrange
    const byId = new Map(vocabulary.map((concept) => [concept.id, concept]));

    const loops = (id: string) => {
      const seen = new Set<string>();
      for (let next: string | undefined = id; next; next = byId.get(next)?.broader) {
        if (seen.has(next)) return true;
        seen.add(next);
      }
      return false;
    };

    // Act
    const wrong = vocabulary.filter((concept) => {
      const wider = concept.broader ? byId.get(concept.broader) : undefined;
      return (wider !== undefined && wider.kind !== concept.kind) || loops(concept.id);
    });

    // Assert
    expect(wrong.map((concept) => concept.id)).toEqual([]);
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

describe('the field\'s types and materials', () => {
  it.each([
    ['netsuke', 'netsuke'],
    ['根付', 'netsuke'],
    ['katana', 'katana'],
    ['日本刀', 'katana'],
    ['tsuba', 'tsuba'],
    ['ushabti', 'ushabti'],
    ['shabti', 'ushabti'],
    ['shawabti', 'ushabti'],
    ['Uschebti', 'ushabti'],
    ['ушебти', 'ushabti'],
    ['lekythos', 'lekythos'],
    ['λήκυθος', 'lekythos'],
    ['lécythe', 'lekythos'],
    ['cloisonné', 'cloisonne'],
    ['cloisonne', 'cloisonne'],
    ['景泰蓝', 'cloisonne'],
    ['faience', 'faience'],
    ['Fayence', 'faience'],
    ['majolica', 'majolica'],
    ['maiolica', 'majolica'],
    ['icon', 'icon'],
    ['ikona', 'icon'],
    ['икона', 'icon'],
    ['albarello', 'albarello'],
    ['Porzellanfigur', 'statuette'],
    ['krater', 'krater'],
    ['kylix', 'kylix'],
    ['thangka', 'thangka'],
    ['唐卡', 'thangka'],
    ['sarcophagus', 'sarcophagus'],
    ['тарелка', 'plate'],
    ['tabak', 'plate'],
    ['碗', 'bowl'],
    ['Egyptian faience', 'egyptianFaience'],
    ['steatite', 'steatite'],
    ['lapis lazuli', 'lapisLazuli'],
    ['limewood', 'limewood'],
    ['niello', 'niello'],
    ['чернь', 'niello'],
  ])('reads %s as %s', (term, concept) => {
    // Act
    const concepts = conceptsIn(term);

    // Assert
    expect(concepts).toEqual([concept]);
  });

  it.each([
    ['statuette', 'sculpture'],
    ['ushabti', 'sculpture'],
    ['netsuke', 'sculpture'],
    ['katana', 'weapon'],
    ['tsuba', 'weapon'],
    ['lekythos', 'vase'],
    ['albarello', 'vase'],
    ['icon', 'painting'],
    ['majolica', 'ceramic'],
    ['egyptianFaience', 'ceramic'],
    ['cloisonne', 'enamel'],
    ['giltBronze', 'metal'],
    ['limewood', 'wood'],
  ])('knows %s as a kind of %s', (narrow, wide) => {
    // Act
    const found = relation(narrow, wide);

    // Assert
    expect(found).toBe('narrower');
  });
});

describe('relations between concepts', () => {
  it('tells a true type from a wider one, a sibling, an unrelated one and an unknown one', () => {
    // Act
    const found = [relation('statuette', 'statuette'), relation('sculpture', 'statuette'), relation('statuette', 'bust'), relation('statuette', 'drawing'), isKnown('statuette'), isKnown('watercolour drawing')];

    // Assert
    expect(found).toEqual(['same', 'broader', 'cousin', 'unrelated', true, false]);
  });

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
