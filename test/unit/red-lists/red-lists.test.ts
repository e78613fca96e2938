import { describe, expect, it } from 'vitest';
import { fold, tokenise } from '../../../functions/matching/text/normalise.ts';
import { findConcepts } from '../../../functions/matching/text/vocabulary.ts';
import { RedLists, redLists } from '../../../schemas/red-lists.ts';
import categories from '../../../schemas/red-lists.json' with { type: 'json' };

const category = redLists[0];

describe('the Red List categories', () => {
  it('validate: ids unique, every concept known to the vocabulary, every country a country', () => {
    // Arrange
    const json = categories;

    // Act
    const result = RedLists.safeParse(json);

    // Assert
    expect(result.error?.issues).toBeUndefined();
    expect(result.data).toHaveLength(10);
  });

  it('reject a repeated id', () => {
    // Arrange
    const json = [category, category];

    // Act
    const result = RedLists.safeParse(json);

    // Assert
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([`repeats the id "${category?.id}"`]);
  });

  it('reject a concept the vocabulary does not know, or one of the wrong kind', () => {
    // Arrange
    const json = [{ ...category, objectTypes: ['tablet', 'spaceship'], materials: ['icon'] }];

    // Act
    const result = RedLists.safeParse(json);

    // Assert
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([
      [0, 'objectTypes', 1],
      [0, 'materials', 0],
    ]);
  });

  it('reject a country code that is not a country', () => {
    // Arrange
    const json = [{ ...category, countries: ['IQ', 'EU'] }];

    // Act
    const result = RedLists.safeParse(json);

    // Assert
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([[0, 'countries', 1]]);
  });
});

describe('the vocabulary the categories need', () => {
  it.each([
    ['cuneiform signs', ['cuneiform']],
    ['signes cunéiformes', ['cuneiform']],
    ['Keilschrift', ['cuneiform']],
    ['كتابة مسمارية', ['cuneiform']],
    ['клинописью', ['cuneiform']],
    ['楔形文字泥板', ['cuneiform', 'tablet']],
    ['Rollsiegel aus Stein', ['seal', 'stone']],
    ['scarabée en stéatite', ['scarab', 'steatite']],
    ['papiro', ['papyrus']],
    ['máscara de jade', ['mask', 'jade']],
  ])('reads %s', (text, expected) => {
    // Arrange
    const tokens = tokenise(fold(text));

    // Act
    const concepts = findConcepts(tokens).hits.map((hit) => hit.concept);

    // Assert
    expect(concepts).toEqual(expected);
  });
});
