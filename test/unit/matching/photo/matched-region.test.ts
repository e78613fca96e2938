import { describe, expect, it } from 'vitest';
import { matchedRegion } from '../../../../functions/matching/photo/matched-region.ts';
import { seededRandom } from '../../../fixtures/random.ts';

const photo = { width: 400, height: 300 };

/** `count` points spread evenly over a box, in pixels. */
function pointsIn(box: { left: number; top: number; width: number; height: number }, count: number, seed: number) {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => ({ x: box.left + random() * box.width, y: box.top + random() * box.height }));
}

describe('matchedRegion', () => {
  it('outlines the keypoints of an object in the right part of the photo, in shares of its sides', () => {
    // Arrange: the object covers x 240..360, y 60..210 of a 400×300 photo
    const points = pointsIn({ left: 240, top: 60, width: 120, height: 150 }, 80, 3);

    // Act
    const region = matchedRegion(points, photo);

    // Assert
    expect(region?.x).toBeCloseTo(0.6, 1);
    expect(region?.y).toBeCloseTo(0.2, 1);
    expect((region?.x ?? 0) + (region?.width ?? 0)).toBeCloseTo(0.9, 1);
    expect((region?.y ?? 0) + (region?.height ?? 0)).toBeCloseTo(0.7, 1);
  });

  it('is not stretched across the photo by two stray points', () => {
    // Arrange
    const points = [...pointsIn({ left: 240, top: 60, width: 120, height: 150 }, 60, 5), { x: 2, y: 3 }, { x: 5, y: 290 }];

    // Act
    const region = matchedRegion(points, photo);

    // Assert
    expect(region?.x).toBeGreaterThan(0.5);
    expect(region?.y).toBeGreaterThan(0.1);
    expect((region?.y ?? 0) + (region?.height ?? 0)).toBeLessThan(0.8);
  });

  it('stays within the photo when the keypoints reach its edges', () => {
    // Arrange
    const points = pointsIn({ left: 0, top: 0, width: 400, height: 300 }, 50, 7);

    // Act
    const region = matchedRegion(points, photo);

    // Assert
    expect(region).toBeDefined();
    for (const value of [region!.x, region!.y, region!.width, region!.height, region!.x + region!.width, region!.y + region!.height]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('outlines nothing from three points, or on a photo with no size', () => {
    // Arrange
    const few = [{ x: 10, y: 10 }, { x: 50, y: 60 }, { x: 90, y: 20 }];
    const many = pointsIn({ left: 10, top: 10, width: 50, height: 50 }, 20, 9);

    // Act
    const fromFew = matchedRegion(few, photo);
    const onNothing = matchedRegion(many, { width: 0, height: 0 });

    // Assert
    expect(fromFew).toBeUndefined();
    expect(onNothing).toBeUndefined();
  });
});
