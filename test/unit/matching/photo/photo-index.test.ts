import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprintPhoto, type PhotoFingerprint } from '../../../../functions/matching/photo/fingerprint.ts';
import {
  createPhotoIndex,
  photoAlertThreshold,
  photoIndexFromSnapshot,
  type PhotoIndex,
} from '../../../../functions/matching/photo/photo-index.ts';
import {
  fieldPhoto,
  fieldTransformations,
  registeredPhoto,
  syntheticObjects,
  type SyntheticObject,
} from '../../../fixtures/photo-corpus.ts';
import { decodeIndexSnapshot, encodeIndexSnapshot } from '../../../../functions/matching/snapshot-file.ts';

// Ten objects; object-4 is a near twin of object-3 (same layout, different inscriptions and details).
const objects = syntheticObjects(10, 2024, 5);
const stored = new Map<string, PhotoFingerprint>();

const queryOf = async (object: SyntheticObject, transformation: (typeof fieldTransformations)[number], seed = 1) =>
  fingerprintPhoto(await fieldPhoto(object, transformation, seed), { query: true });

function indexOfAll(): PhotoIndex {
  const index = createPhotoIndex();
  for (const [objectId, fingerprint] of stored) index.upsert(objectId, 'front', fingerprint);
  return index;
}

beforeAll(async () => {
  for (const object of objects) stored.set(object.id, await fingerprintPhoto(await registeredPhoto(object)));
}, 60_000);

describe('photo index search', () => {
  it.each(fieldTransformations)('ranks the source object first, above the alert threshold, for a %s field photo', async (transformation) => {
    // Arrange
    const index = indexOfAll();
    const query = await queryOf(objects[7]!, transformation);

    // Act
    const [best] = await index.search(query, 5);

    // Assert
    expect(best?.objectId).toBe('object-7');
    expect(best?.score).toBeGreaterThanOrEqual(photoAlertThreshold);
    expect(best?.reasons[0]?.detail).toMatch(/^photo: \d+ geometrically consistent keypoints/);
  });

  it('shortlists a catalogue reproduction by the page window that holds it, not by the whole page', async () => {
    // Arrange: a one-image shortlist by global descriptor and none by visual words, so that only the global
    // descriptors decide; on this page the whole-photo descriptor alone prefers object-4, the near twin.
    const index = createPhotoIndex({ shortlistSize: 1, wordShortlistSize: 0 });
    for (const [objectId, fingerprint] of stored) index.upsert(objectId, 'front', fingerprint);
    const query = await queryOf(objects[3]!, 'catalogue', 1);

    // Act
    const [withWindows] = await index.search(query, 1);
    const [wholePageOnly] = await index.search({ ...query, alternates: undefined }, 1);

    // Assert
    expect(withWindows?.objectId).toBe('object-3');
    expect(wholePageOnly?.objectId).not.toBe('object-3');
  });

  it('scores a photo of an unregistered object below the alert threshold', async () => {
    // Arrange
    const index = indexOfAll();
    const [unregistered] = syntheticObjects(1, 99, 10, 'unregistered');
    const query = await queryOf(unregistered!, 'background');

    // Act
    const candidates = await index.search(query, 5);

    // Assert
    expect(candidates.every((candidate) => candidate.score < photoAlertThreshold)).toBe(true);
  });

  it('ranks a near twin above its registered sibling, which shares its layout but not its details', async () => {
    // Arrange
    const index = indexOfAll();
    const query = await queryOf(objects[4]!, 'crop');

    // Act
    const candidates = await index.search(query, 5);

    // Assert
    const sibling = candidates.find((candidate) => candidate.objectId === 'object-3');
    expect(candidates[0]?.objectId).toBe('object-4');
    expect(candidates[0]!.score - (sibling?.score ?? 0)).toBeGreaterThan(0.1);
  });

  it('returns one candidate per object, from its best image', async () => {
    // Arrange
    const index = indexOfAll();
    index.upsert('object-7', 'back', stored.get('object-2')!);
    const query = await queryOf(objects[7]!, 'rescale');

    // Act
    const candidates = await index.search(query, 10);

    // Assert
    expect(candidates.filter((candidate) => candidate.objectId === 'object-7')).toHaveLength(1);
    expect(candidates[0]?.objectId).toBe('object-7');
  });

  it('no longer finds a removed object, and still finds the others', async () => {
    // Arrange
    const index = indexOfAll();
    const [removedQuery, keptQuery] = [await queryOf(objects[7]!, 'jpeg'), await queryOf(objects[9]!, 'jpeg')];

    // Act
    index.remove('object-7');
    const candidates = await index.search(removedQuery, 10);
    const [kept] = await index.search(keptQuery, 1);

    // Assert
    expect(index.size).toBe(9);
    expect(candidates.map((candidate) => candidate.objectId)).not.toContain('object-7');
    expect(candidates[0]?.score).toBeLessThan(photoAlertThreshold);
    expect(kept?.objectId).toBe('object-9');
  });

  it('removes one image of an object and keeps the others', async () => {
    // Arrange
    const index = indexOfAll();
    index.upsert('object-7', 'back', stored.get('object-7')!);

    // Act
    index.remove('object-7', 'front');

    // Assert
    const [best] = await index.search(await queryOf(objects[7]!, 'mirror'), 1);
    expect(index.size).toBe(10);
    expect(best?.objectId).toBe('object-7');
  });

  it('finds the same object after a snapshot round trip, loading local features on demand', async () => {
    // Arrange
    const file = encodeIndexSnapshot({ builtAt: '2025-01-01T00:00:00.000Z', sought: [], text: '', photo: indexOfAll().toSnapshot() });
    const snapshot = decodeIndexSnapshot(file).photo;
    const loaded: string[] = [];
    const loadLocal = async (objectId: string, imageId: string) => {
      loaded.push(`${objectId}/${imageId}`);
      return stored.get(objectId);
    };
    const query = await queryOf(objects[7]!, 'rotation');

    // Act
    const index = photoIndexFromSnapshot(snapshot);
    const [best] = await index.search(query, 3, loadLocal);

    // Assert
    expect(index.size).toBe(10);
    expect(best?.objectId).toBe('object-7');
    expect(best?.score).toBeGreaterThanOrEqual(photoAlertThreshold);
    expect(loaded).toContain('object-7/front');
  });

  it('keeps an unverifiable candidate below the alert threshold', async () => {
    // Arrange
    const index = photoIndexFromSnapshot(indexOfAll().toSnapshot());
    const query = await queryOf(objects[7]!, 'jpeg');

    // Act
    const [best] = await index.search(query, 1);

    // Assert
    expect(best?.score).toBeLessThan(photoAlertThreshold);
    expect(best?.reasons[0]?.detail).toBe('photo: similar overall appearance, keypoints not verified');
  });

  it('says where the object was found on the query photo, and that a small query photo is thin evidence', async () => {
    // Arrange: a field photo of object-7 brought down to a police bulletin's 180×180 pixels
    const index = indexOfAll();
    const query = { ...(await queryOf(objects[7]!, 'crop', 2)), photo: { width: 180, height: 180 } };

    // Act
    const [best] = await index.search(query, 1);

    // Assert
    expect(best?.objectId).toBe('object-7');
    expect(best?.reasons[0]).toMatchObject({ limited: true, region: expect.objectContaining({ x: expect.any(Number), width: expect.any(Number) }) });
    expect(best?.reasons[0]?.detail).toMatch(/; small photo: 180×180 px, \d+ keypoints$/);
  });
});
