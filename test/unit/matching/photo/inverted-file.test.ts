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

  it('filled from a snapshot, ranks, shares, grows and forgets as one filled image by image', () => {
    // Arrange: the same four images, once from a snapshot's counts and words and once one by one
    const images = [words(1, 10, 11), words(1, 20, 21), words(1, 30, 31, 32), words(1, 40)];
    const counts = Uint16Array.from(images, (image) => image.length);
    const fromSnapshot = createInvertedFile({ counts, words: Uint16Array.from(images.flatMap((image) => [...image])) });
    const oneByOne = createInvertedFile();
    images.forEach((image, slot) => oneByOne.set(slot, image));

    // Act: an image added after the snapshot, into a full posting list, and one removed
    for (const file of [fromSnapshot, oneByOne]) {
      file.set(4, words(1, 30, 50));
      file.clear(1);
      file.move(4, 1);
    }

    // Assert
    for (const query of [words(1, 30, 31), words(50), words(20, 21), words(1)]) expect(fromSnapshot.rank(query, 4, 4)).toEqual(oneByOne.rank(query, 4, 4));
    expect(fromSnapshot.rank(words(30, 50), 4, 1)[0]?.slot).toBe(1);
    expect([...(fromSnapshot.wordsOf(2) ?? [])]).toEqual([1, 30, 31, 32]);
    expect(fromSnapshot.share(1)).toBe(1);
    expect(fromSnapshot.share(30)).toBe(0.5);
  });
});
