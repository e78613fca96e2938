import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprintPhoto, type PhotoFingerprint } from '../../../../functions/matching/photo/fingerprint.ts';
import { verifyMatch } from '../../../../functions/matching/photo/verify.ts';
import { fieldPhoto, registeredPhoto, syntheticObjects } from '../../../fixtures/photo-corpus.ts';

const [object, other] = syntheticObjects(2, 31);
let stored: PhotoFingerprint;

beforeAll(async () => {
  stored = await fingerprintPhoto(await registeredPhoto(object!));
}, 30_000);

describe('verifyMatch', () => {
  it('explains a mirrored field photo with the mirror image keypoints', async () => {
    // Arrange
    const query = await fingerprintPhoto(await fieldPhoto(object!, 'mirror', 3), { query: true });

    // Act
    const verification = verifyMatch(query, stored);

    // Assert
    expect(verification.mirrored).toBe(true);
    expect(verification.inliers).toBeGreaterThan(50);
    expect(verification.reason.detail).toBe(`photo: ${verification.inliers} geometrically consistent keypoints (mirror image)`);
  });

  it('says where on the field photo the consistent keypoints lie, and leaves out those masked as shared content', async () => {
    // Arrange: the object on a new background; a mask that takes every second query keypoint out of the evidence.
    const query = await fingerprintPhoto(await fieldPhoto(object!, 'background', 5), { query: true });
    const { width, height } = query.local;
    const everySecond = Uint8Array.from({ length: 2000 }, (_, i) => i % 2);

    // Act
    const verification = verifyMatch(query, stored);
    const masked = verifyMatch(query, stored, { local: everySecond, mirrored: everySecond });

    // Assert
    expect(verification.queryPoints.points.length).toBe(verification.inliers);
    expect(verification.queryPoints).toMatchObject({ width, height });
    expect(verification.queryPoints.points.every(([x, y]) => x >= 0 && x <= width && y >= 0 && y <= height)).toBe(true);
    expect(masked.inliers).toBeLessThan(verification.inliers * 0.75);
  });

  it('finds only a handful of consistent keypoints between two different objects', async () => {
    // Arrange
    const query = await fingerprintPhoto(await fieldPhoto(other!, 'crop', 3), { query: true });

    // Act
    const verification = verifyMatch(query, stored);

    // Assert
    expect(verification.inliers).toBeLessThan(15);
  });
});
