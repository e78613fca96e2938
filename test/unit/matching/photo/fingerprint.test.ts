import { describe, expect, it } from 'vitest';
import { fingerprintPhoto } from '../../../../functions/matching/photo/fingerprint.ts';
import { fieldPhoto, registeredPhoto, syntheticObjects } from '../../../fixtures/photo-corpus.ts';

describe('fingerprintPhoto', () => {
  it('fits a stored fingerprint in under 40 KB of JSON that reads back unchanged', async () => {
    // Arrange
    const [object] = syntheticObjects(1, 5);
    const photo = await registeredPhoto(object!);

    // Act
    const fingerprint = await fingerprintPhoto(photo);

    // Assert
    const json = JSON.stringify(fingerprint);
    expect(json.length).toBeLessThan(40_000);
    expect(JSON.parse(json)).toEqual(fingerprint);
    expect(fingerprint.global).toHaveLength(64);
    expect(fingerprint.mirrored).toBeUndefined();
    expect(fingerprint.alternates).toBeUndefined();
  });

  it('adds the mirror image keypoints to a query photo fingerprint only', async () => {
    // Arrange
    const [object] = syntheticObjects(1, 6);
    const photo = await registeredPhoto(object!);

    // Act
    const fingerprint = await fingerprintPhoto(photo, { query: true });

    // Assert
    expect(fingerprint.mirrored?.descriptors.length).toBeGreaterThan(1000);
    expect(fingerprint.mirrored?.descriptors).not.toEqual(fingerprint.local.descriptors);
  });

  it('adds global descriptors of tighter windows to a query photo fingerprint only', async () => {
    // Arrange
    const [object] = syntheticObjects(1, 6);
    const photo = await fieldPhoto(object!, 'catalogue', 1);

    // Act
    const fingerprint = await fingerprintPhoto(photo, { query: true });

    // Assert: the central 70% and 50% windows, and the reproduction found on the page.
    expect(fingerprint.alternates).toHaveLength(3);
    for (const alternate of fingerprint.alternates ?? []) {
      expect(alternate).toHaveLength(64);
      expect(alternate).not.toEqual(fingerprint.global);
    }
  });

  it('gives the same fingerprint to the same photo twice', async () => {
    // Arrange
    const [object] = syntheticObjects(1, 7);
    const photo = await registeredPhoto(object!);

    // Act
    const [first, second] = [await fingerprintPhoto(photo), await fingerprintPhoto(photo)];

    // Assert
    expect(second).toEqual(first);
  });
});
