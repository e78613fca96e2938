import { describe, expect, it } from 'vitest';
import { photoAlertThreshold, photoScore } from '../../../../functions/matching/photo/calibration.ts';

describe('photoScore', () => {
  it('ranks a candidate with more consistent keypoints first even below chance, ahead of a look-alike', () => {
    // Arrange: 5 consistent keypoints on a photo less alike overall than one with 2
    const fewButConsistent = photoScore(0.5, 5);
    const lookAlike = photoScore(0.7, 2);

    // Act / Assert
    expect(fewButConsistent).toBeGreaterThan(lookAlike);
  });

  it('keeps what unrelated photos reach (up to a dozen keypoints, any appearance) under the alert threshold', () => {
    // Arrange / Act
    const chance = photoScore(1, 12);

    // Assert
    expect(chance).toBeLessThan(photoAlertThreshold);
  });

  it('raises an alert from about fourteen consistent keypoints', () => {
    // Arrange / Act
    const [thirteen, fifteen] = [photoScore(0.3, 13), photoScore(0.3, 15)];

    // Assert
    expect(thirteen).toBeLessThan(photoAlertThreshold);
    expect(fifteen).toBeGreaterThanOrEqual(photoAlertThreshold);
  });

  it('never reaches the alert threshold on overall appearance alone', () => {
    // Arrange / Act
    const unverified = photoScore(1, undefined);

    // Assert
    expect(unverified).toBeLessThan(photoAlertThreshold);
  });
});
