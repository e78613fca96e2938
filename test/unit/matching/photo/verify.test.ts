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

  it('finds only a handful of consistent keypoints between two different objects', async () => {
    // Arrange
    const query = await fingerprintPhoto(await fieldPhoto(other!, 'crop', 3), { query: true });

    // Act
    const verification = verifyMatch(query, stored);

    // Assert
    expect(verification.inliers).toBeLessThan(15);
  });
});
