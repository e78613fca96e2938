import { describe, expect, it } from 'vitest';
import { createInvertedFile } from '../../../../functions/matching/photo/inverted-file.ts';
import type { KeypointWords } from '../../../../functions/matching/photo/visual-words.ts';

/** Keypoints as [word, signature] pairs, sorted by word as an image is stored; the signature defaults to 0. */
const keypoints = (...pairs: (number | [number, number])[]): KeypointWords => {
  const sorted = pairs.map((pair) => (typeof pair === 'number' ? [pair, 0] : pair)).sort((a, b) => (a[0] as number) - (b[0] as number));
  return { words: Uint16Array.from(sorted, ([word]) => word as number), signatures: Uint16Array.from(sorted, ([, signature]) => signature as number) };
};

describe('the inverted file of visual words', () => {
  it('ranks first the image sharing the most rare words with the query, not the one sharing a word every image has', () => {
    // Arrange: word 1 is on every image (a colour chart); image 2 shares two rare words with the query.
    const file = createInvertedFile();
    file.set(0, keypoints(1, 10, 11));
    file.set(1, keypoints(1, 20, 21));
    file.set(2, keypoints(1, 30, 31, 32));
    file.set(3, keypoints(1, 40));

    // Act
    const ranked = file.rank([keypoints(1, 30, 31)], 4, 2);

    // Assert
    expect(ranked[0]?.slot).toBe(2);
    expect(ranked[0]!.score).toBeGreaterThan(5 * ranked[1]!.score);
    expect(file.share(1)).toBe(1);
    expect(file.share(30)).toBe(0.25);
  });

  it('counts a keypoint in the same word only when its signature is close to the query keypoint’s', () => {
    // Arrange: both images hold words 10 and 11; only image 1's keypoints have the query's signatures (within 2 of 16 bits)
    const file = createInvertedFile();
    file.set(0, keypoints([10, 0xff00], [11, 0x00ff]));
    file.set(1, keypoints([10, 0b11], [11, 0x8000]));

    // Act
    const ranked = file.rank([keypoints([10, 0b1], [11, 0x8001])], 2, 2);

    // Assert
    expect(ranked.map((entry) => entry.slot)).toEqual([1]);
  });

  it('lets one query keypoint vote once for an image, however many of its keypoints share the word, and scores each view apart', () => {
    // Arrange: image 0 repeats word 5 (a pattern); image 1 holds words 5 and 6 once each
    const file = createInvertedFile();
    file.set(0, keypoints(5, 5, 5, 5, 9));
    file.set(1, keypoints(5, 6));

    // Act: the photo holds word 5, its mirror image word 6; each view alone
    const photo = keypoints(5);
    const mirror = keypoints(6);
    const both = file.rank([photo, mirror], 2, 2);

    // Assert: image 1 wins by its better view, the burst of image 0 counts once
    expect(both[0]?.slot).toBe(1);
    expect(both.find((entry) => entry.slot === 0)!.score).toBeCloseTo(file.rank([photo], 2, 2).find((entry) => entry.slot === 0)!.score);
  });

  it('reads the rarest words first and stops at its budget of compared keypoints, before the words every image holds', () => {
    // Arrange: word 1 on all four images, word 9 on image 3 alone
    const file = createInvertedFile();
    for (const slot of [0, 1, 2]) file.set(slot, keypoints(1));
    file.set(3, keypoints(1, 9));

    // Act: a budget of two compared keypoints reads word 9's list (one) and not word 1's (four)
    const withinBudget = file.rank([keypoints(1, 9)], 4, 4, 2);
    const unbounded = file.rank([keypoints(1, 9)], 4, 4);

    // Assert
    expect(withinBudget.map((entry) => entry.slot)).toEqual([3]);
    expect(unbounded).toHaveLength(4);
  });

  it('follows an image moved into the slot of a removed one', () => {
    // Arrange
    const file = createInvertedFile();
    file.set(0, keypoints(5, 6));
    file.set(1, keypoints(7, 8, 8));

    // Act
    file.clear(0);
    file.move(1, 0);

    // Assert
    expect(file.rank([keypoints(7, 8)], 1, 5).map((entry) => entry.slot)).toEqual([0]);
    expect(file.rank([keypoints(5, 6)], 1, 5)).toEqual([]);
    expect(file.keypointsOf(1)).toBeUndefined();
    expect(file.share(7)).toBe(1);
    expect(file.share(8)).toBe(1);
  });

  it('filled from a snapshot, ranks, shares, grows and forgets as one filled image by image', () => {
    // Arrange: the same four images, once from a snapshot's counts, words and signatures and once one by one
    const images = [keypoints(1, 10, 11), keypoints([1, 3], 20, 21, 21), keypoints(1, 30, 31, [32, 7]), keypoints(1, 40)];
    const counts = Uint16Array.from(images, (image) => image.words.length);
    const fromSnapshot = createInvertedFile({
      counts,
      words: Uint16Array.from(images.flatMap((image) => [...image.words])),
      signatures: Uint16Array.from(images.flatMap((image) => [...image.signatures])),
    });
    const oneByOne = createInvertedFile();
    images.forEach((image, slot) => oneByOne.set(slot, image));

    // Act: an image added after the snapshot, into a full posting list, and one removed
    for (const file of [fromSnapshot, oneByOne]) {
      file.set(4, keypoints(1, 30, 50));
      file.clear(1);
      file.move(4, 1);
    }

    // Assert
    for (const query of [keypoints(1, 30, 31), keypoints(50), keypoints(20, 21), keypoints(1), keypoints([32, 7])]) {
      expect(fromSnapshot.rank([query], 4, 4)).toEqual(oneByOne.rank([query], 4, 4));
    }
    expect(fromSnapshot.rank([keypoints(30, 50)], 4, 1)[0]?.slot).toBe(1);
    expect([...(fromSnapshot.keypointsOf(2)?.words ?? [])]).toEqual([1, 30, 31, 32]);
    expect([...(fromSnapshot.keypointsOf(2)?.signatures ?? [])]).toEqual([0, 0, 0, 7]);
    expect(fromSnapshot.share(1)).toBe(1);
    expect(fromSnapshot.share(30)).toBe(0.5);
    expect(fromSnapshot.share(21)).toBe(0);
  });
});
