import { describe, expect, it } from 'vitest';
import { alertThreshold, calibrate, combine, confidenceOf } from '../../../functions/matching/combine.ts';

describe('calibrate', () => {
  it('maps each matcher’s own threshold onto the registry’s alert threshold, keeping 0 and 1', () => {
    // Act
    const points = [0, 0.5, 1].map((score) => calibrate(score, 0.5));
    // Assert
    expect(points).toEqual([0, alertThreshold, 1]);
  });

  it('keeps the order of scores', () => {
    // Act
    const scores = [0.1, 0.3, 0.45, 0.55, 0.9].map((score) => calibrate(score, 0.45));
    // Assert
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
  });
});

describe('combine', () => {
  it('reinforces an object found by text and by photo, and keeps both sets of reasons', () => {
    // Arrange
    const text = [{ objectId: 'a', score: 0.6, reasons: [{ field: 'inscriptions', detail: 'x', contribution: 0.3 }] }];
    const photo = [
      { objectId: 'a', score: 0.6, reasons: [{ field: 'photo', detail: 'y', contribution: 0.6 }] },
      { objectId: 'b', score: 0.7, reasons: [] },
    ];
    // Act
    const [first, second] = combine([text, photo], 10);
    // Assert
    expect(first).toMatchObject({ objectId: 'a', score: expect.closeTo(0.84, 5) });
    expect(first?.reasons.map((reason) => reason.field)).toEqual(['inscriptions', 'photo']);
    expect(second?.objectId).toBe('b');
  });

  it('returns at most the limit, best first', () => {
    // Arrange
    const many = Array.from({ length: 20 }, (_, i) => ({ objectId: `o${i}`, score: i / 20, reasons: [] }));
    // Act
    const top = combine([many], 3);
    // Assert
    expect(top.map((candidate) => candidate.objectId)).toEqual(['o19', 'o18', 'o17']);
  });
});

describe('confidenceOf', () => {
  it('calls a score below the alert threshold low, above it medium, and near certainty high', () => {
    // Act
    const bands = [alertThreshold - 0.01, alertThreshold, 0.9].map((score) => confidenceOf(score));
    // Assert
    expect(bands).toEqual(['low', 'medium', 'high']);
  });

  it('is one step lower when the strongest evidence is a small photo, and unchanged when that is weaker evidence', () => {
    // Arrange
    const smallPhoto = { field: 'photo', detail: 'photo: 30 geometrically consistent keypoints; small photo: 180×140 px, 212 keypoints', contribution: 0.9, limited: true as const };
    const inscription = { field: 'inscriptions', detail: "inscription 'ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ'", contribution: 0.95 };

    // Act
    const fromPhotoAlone = [0.9, 0.7, 0.3].map((score) => confidenceOf(score, [smallPhoto]));
    const withStrongerText = confidenceOf(0.9, [smallPhoto, inscription]);

    // Assert
    expect(fromPhotoAlone).toEqual(['medium', 'low', 'low']);
    expect(withStrongerText).toBe('high');
  });
});
