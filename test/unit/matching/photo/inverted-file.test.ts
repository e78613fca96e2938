import { describe, expect, it } from 'vitest';
import { createInvertedFile } from '../../../../functions/matching/photo/inverted-file.ts';

const words = (...ids: number[]) => Uint16Array.from(ids);

describe('the inverted file of visual words', () => {
  it('ranks first the image sharing the most rare words with the query, not the one sharing a word every image has', () => {
    // Arrange: word 1 is on every image (a colour chart); image 2 shares two rare words with the query.
    const file = createInvertedFile();
    file.set(0, words(1, 10, 11));
    file.set(1, words(1, 20, 21));
    file.set(2, words(1, 30, 31, 32));
    file.set(3, words(1, 40));

    // Act
    const ranked = file.rank(words(1, 30, 31), 4, 2);

    // Assert
    expect(ranked[0]?.slot).toBe(2);
    expect(ranked[0]!.score).toBeGreaterThan(5 * ranked[1]!.score);
    expect(file.share(1)).toBe(1);
    expect(file.share(30)).toBe(0.25);
  });

  it('follows an image moved into the slot of a removed one', () => {
    // Arrange
    const file = createInvertedFile();
    file.set(0, words(5, 6));
    file.set(1, words(7, 8));

    // Act
    file.clear(0);
    file.move(1, 0);

    // Assert
    expect(file.rank(words(7, 8), 1, 5).map((entry) => entry.slot)).toEqual([0]);
    expect(file.rank(words(5, 6), 1, 5)).toEqual([]);
    expect(file.wordsOf(1)).toBeUndefined();
    expect(file.share(7)).toBe(1);
  });
});
