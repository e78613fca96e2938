import { describe, expect, it } from 'vitest';
import { requestImageUpload } from '../../../functions/images/request-upload.ts';
import { Conflict, Forbidden, NotFound } from '../../../functions/http/errors.ts';
import type { ImageRecord, ObjectRepository, StoredObject } from '../../../functions/objects/model.ts';
import { Caller } from '../../../schemas/identity.ts';
import { RegisterObject } from '../../../schemas/object-id.ts';
import { ImageUpload } from '../../../schemas/object.ts';
import { fixedClock, memoryImages, memoryUploadGrants, sequentialIds } from '../../support/in-memory-ports.ts';

const objectId = '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const imageId = '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
const now = '2025-03-14T09:00:00.000Z';

const object: StoredObject = {
  ...RegisterObject.parse({
    lang: 'en',
    objectType: 'icon',
    description: 'Tempera icon of Saint George on a gilded wooden panel',
    incident: { country: 'GR', date: '2024-11' },
    status: 'stolen',
  }),
  id: objectId,
  version: 1,
  orgId: 'byzantine-museum',
  createdBy: 'curator-1',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

const owner = Caller.parse({ sub: 'curator-1', org: 'byzantine-museum', role: 'museum' });

const image = (id: number, status: ImageRecord['status']): ImageRecord => ({
  objectId,
  id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  status,
  contentType: 'image/jpeg',
  uploadKey: `uploads/${objectId}/${id}`,
  createdAt: now,
  updatedAt: now,
});

function setup(existing: ImageRecord[] = []) {
  const objects: Pick<ObjectRepository, 'get'> = {
    get: async (id) => (id === objectId ? { object, images: existing } : undefined),
  };
  const images = memoryImages(existing);
  return { objects, images, uploads: memoryUploadGrants(), clock: fixedClock(now), ids: sequentialIds([imageId]) };
}

const jpeg = { objectId, contentType: 'image/jpeg' };

describe('requestImageUpload', () => {
  it('answers 404 for an object that does not exist', async () => {
    // Arrange
    const deps = setup();

    // Act
    const result = requestImageUpload({ ...jpeg, objectId: '11111111-2222-4333-8444-555555555555' }, owner, deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(NotFound);
  });

  it('answers 403 to a museum that did not register the object', async () => {
    // Arrange
    const deps = setup();
    const otherMuseum = Caller.parse({ sub: 'curator-9', org: 'another-museum', role: 'museum' });

    // Act
    const result = requestImageUpload(jpeg, otherMuseum, deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(Forbidden);
    expect(deps.images.all()).toEqual([]);
  });

  it('answers 409 for a 21st image, counting pending uploads', async () => {
    // Arrange
    const existing = [...Array.from({ length: 15 }, (_, i) => image(i, 'ready')), ...Array.from({ length: 5 }, (_, i) => image(15 + i, 'pending'))];
    const deps = setup(existing);

    // Act
    const result = requestImageUpload(jpeg, owner, deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(Conflict);
    await expect(result).rejects.toThrow('An object may have at most 20 images and this one already has 20');
  });

  it('does not count pending images whose upload link expired long ago', async () => {
    // Arrange
    const abandoned = (id: number): ImageRecord => ({ ...image(id, 'pending'), createdAt: '2020-01-01T00:00:00.000Z' });
    const existing = [...Array.from({ length: 19 }, (_, i) => image(i, 'ready')), abandoned(19), abandoned(20)];
    const deps = setup(existing);

    // Act
    const upload = await requestImageUpload(jpeg, owner, deps);

    // Assert
    expect(upload.imageId).toBe(imageId);
  });

  it('does not count rejected images towards the limit of 20', async () => {
    // Arrange
    const existing = [...Array.from({ length: 19 }, (_, i) => image(i, 'ready')), ...Array.from({ length: 5 }, (_, i) => image(19 + i, 'rejected'))];
    const deps = setup(existing);

    // Act
    const upload = await requestImageUpload(jpeg, owner, deps);

    // Assert
    expect(upload.imageId).toBe(imageId);
  });

  it('records a pending image under the uploads prefix', async () => {
    // Arrange
    const deps = setup();

    // Act
    await requestImageUpload({ ...jpeg, contentType: 'image/png' }, owner, deps);

    // Assert
    expect(await deps.images.get(objectId, imageId)).toEqual({
      objectId,
      id: imageId,
      status: 'pending',
      contentType: 'image/png',
      uploadKey: `uploads/${objectId}/${imageId}`,
      createdAt: now,
      updatedAt: now,
    });
  });

  it('returns a presigned POST for at most 25 MB that expires in 15 minutes', async () => {
    // Arrange
    const deps = setup();

    // Act
    const upload = await requestImageUpload(jpeg, owner, deps);

    // Assert
    expect(ImageUpload.parse(upload)).toEqual({
      imageId,
      url: 'https://uploads.example.test/registry-images',
      fields: { key: `uploads/${objectId}/${imageId}`, 'Content-Type': 'image/jpeg' },
      maxBytes: 25 * 1024 * 1024,
      expiresAt: '2025-03-14T09:15:00.000Z',
    });
    expect(deps.uploads.posts).toEqual([
      { key: `uploads/${objectId}/${imageId}`, contentType: 'image/jpeg', maxBytes: 25 * 1024 * 1024, expiresInSeconds: 900 },
    ]);
  });
});
