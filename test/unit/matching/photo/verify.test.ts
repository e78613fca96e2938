import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprintPhoto, type PhotoFingerprint } from '../../../../functions/matching/photo/fingerprint.ts';
import { verifyMatch } from '../../../../functions/matching/photo/verify.ts';
import { fieldPhoto, placedFieldPhoto, registeredPhoto, syntheticObjects, type Placement } from '../../../fixtures/photo-corpus.ts';
import { solid } from '../../../fixtures/photos.ts';

const [object, other] = syntheticObjects(2, 31);

/** The share of points, in the query's working-size pixels, that fall inside the placement (widened by a margin). */
function shareInside(points: [number, number][], query: PhotoFingerprint, placement: Placement, margin = 0.03) {
  const inside = points.filter(([x, y]) => {
    const [u, v] = [x / query.local.width, y / query.local.height];
    return u >= placement.x - margin && u <= placement.x + placement.width + margin && v >= placement.y - margin && v <= placement.y + placement.height + margin;
  });
  return inside.length / points.length;
}
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

  it('says where on the query photo the consistent keypoints lie: on the object, off-centre among clutter', async () => {
    // Arrange
    const placement = { x: 0.55, y: 0.2, width: 0.35, height: 0.6 };
    const query = await fingerprintPhoto(await placedFieldPhoto(object!, placement, other!, 11), { query: true });

    // Act
    const verification = verifyMatch(query, stored);

    // Assert
    expect(verification.inliers).toBeGreaterThan(12);
    expect(verification.queryPoints.points).toHaveLength(verification.inliers);
    expect(shareInside(verification.queryPoints.points, query, placement)).toBeGreaterThan(0.95);
  });

  it('gives the keypoints of a mirror-image match where they are on the photo as taken', async () => {
    // Arrange: the object placed on the right, then the whole photo mirrored: it is now on the left
    const placement = { x: 0.55, y: 0.2, width: 0.35, height: 0.6 };
    const mirrored = await sharp(await placedFieldPhoto(object!, placement, other!, 12)).flop().jpeg().toBuffer();
    const query = await fingerprintPhoto(mirrored, { query: true });

    // Act
    const verification = verifyMatch(query, stored);

    // Assert
    expect(verification.mirrored).toBe(true);
    expect(shareInside(verification.queryPoints.points, query, { ...placement, x: 1 - placement.x - placement.width })).toBeGreaterThan(0.95);
  });

  it('verifies photos of 64 pixels, and a flat one with no keypoints, without failing', async () => {
    // Arrange
    const tiny = await fingerprintPhoto(await sharp(await fieldPhoto(object!, 'crop', 2)).resize(64, 64).jpeg().toBuffer(), { query: true });
    const flat = await fingerprintPhoto(await solid(64, 64).jpeg().toBuffer(), { query: true });
    const tinyStored = await fingerprintPhoto(await sharp(await registeredPhoto(object!)).resize(64, 64).jpeg().toBuffer());

    // Act
    const verifications = [verifyMatch(tiny, stored), verifyMatch(flat, stored), verifyMatch(tiny, tinyStored), verifyMatch(flat, tinyStored)];

    // Assert
    for (const verification of verifications) {
      expect(Number.isInteger(verification.inliers)).toBe(true);
      expect(verification.queryPoints.points).toHaveLength(verification.inliers);
      expect(verification.reason.contribution).toBeGreaterThanOrEqual(0);
    }
    expect(verifications[1]?.inliers).toBe(0);
  });
});
