import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { fingerprintPhoto } from '../../../functions/matching/photo/fingerprint.ts';
import { describe, expect, it } from 'vitest';
import { processUpload } from '../../../functions/images/process-upload.ts';
import type { ImageRecord } from '../../../functions/objects/model.ts';
import { fixedClock, memoryBlobs, memoryImages } from '../../support/in-memory-ports.ts';

const objectId = '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const imageId = '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
const key = `uploads/${objectId}/${imageId}`;
const requestedAt = '2025-03-14T09:00:00.000Z';
const now = '2025-03-14T09:02:00.000Z';

const pending: ImageRecord = {
  objectId,
  id: imageId,
  status: 'pending',
  contentType: 'image/jpeg',
  uploadKey: key,
  createdAt: requestedAt,
  updatedAt: requestedAt,
};

function setup(records: ImageRecord[], uploads: Record<string, Uint8Array>) {
  return { images: memoryImages(records), blobs: memoryBlobs(uploads), clock: fixedClock(now), fingerprint: fingerprintPhoto };
}

const photo = () => sharp({ create: { width: 800, height: 600, channels: 3, background: '#8a6d3b' } }).jpeg().toBuffer();

describe('processUpload', () => {
  it('stores the normalised image and thumbnail and marks the image ready', async () => {
    // Arrange
    const original = await photo();
    const deps = setup([pending], { [key]: original });

    // Act
    const outcome = await processUpload(key, deps);

    // Assert
    expect(outcome).toBe('ready');
    expect(await deps.images.get(objectId, imageId)).toEqual({
      ...pending,
      status: 'ready',
      normalisedKey: `images/${objectId}/${imageId}.jpg`,
      thumbnailKey: `thumbs/${objectId}/${imageId}.jpg`,
      smallThumbnailKey: `thumbs/${objectId}/${imageId}-small.jpg`,
      width: 800,
      height: 600,
      bytes: original.byteLength,
      sha256: createHash('sha256').update(original).digest('hex'),
      updatedAt: now,
    });
    expect(deps.blobs.blobs.get(`images/${objectId}/${imageId}.jpg`)?.contentType).toBe('image/jpeg');
    expect(deps.blobs.blobs.get(`thumbs/${objectId}/${imageId}.jpg`)?.contentType).toBe('image/jpeg');
    expect(deps.blobs.blobs.get(`thumbs/${objectId}/${imageId}-small.jpg`)?.contentType).toBe('image/jpeg');
    expect(deps.images.fingerprints.get(`${objectId}/${imageId}`)?.global).toHaveLength(64);
  });

  it('rejects an upload over 25 MB and deletes it', async () => {
    // Arrange
    const deps = setup([pending], { [key]: new Uint8Array(26 * 1024 * 1024) });

    // Act
    const outcome = await processUpload(key, deps);

    // Assert
    expect(outcome).toBe('rejected');
    expect(await deps.images.get(objectId, imageId)).toMatchObject({
      status: 'rejected',
      reason: 'the file is 26.0 MB, more than the 25 MB limit',
    });
    expect(deps.blobs.blobs.has(key)).toBe(false);
  });

  it('rejects a file that is not a photo and deletes it', async () => {
    // Arrange
    const deps = setup([pending], { [key]: new TextEncoder().encode('<script>alert(1)</script>') });

    // Act
    const outcome = await processUpload(key, deps);

    // Assert
    expect(outcome).toBe('rejected');
    expect(await deps.images.get(objectId, imageId)).toMatchObject({
      status: 'rejected',
      reason: 'the file is not a JPEG, PNG or WebP image',
      updatedAt: now,
    });
    expect(deps.blobs.blobs.has(key)).toBe(false);
    expect([...deps.blobs.blobs.keys()]).toEqual([]);
  });

  it('leaves an image that is already ready untouched when the event is delivered again', async () => {
    // Arrange
    const ready: ImageRecord = { ...pending, status: 'ready', width: 800, height: 600 };
    const deps = setup([ready], { [key]: await photo() });

    // Act
    const outcome = await processUpload(key, deps);

    // Assert
    expect(outcome).toBe('already-settled');
    expect(await deps.images.get(objectId, imageId)).toEqual(ready);
    expect([...deps.blobs.blobs.keys()]).toEqual([key]);
  });

  it('deletes a leftover upload of an image already rejected when the event is delivered again', async () => {
    // Arrange
    const rejected: ImageRecord = { ...pending, status: 'rejected', reason: 'the file is not a JPEG, PNG or WebP image' };
    const deps = setup([rejected], { [key]: new TextEncoder().encode('not a photo') });

    // Act
    const outcome = await processUpload(key, deps);

    // Assert
    expect(outcome).toBe('already-settled');
    expect(deps.blobs.blobs.has(key)).toBe(false);
  });

  it('keeps the image pending when the upload has vanished', async () => {
    // Arrange
    const deps = setup([pending], {});

    // Act
    const outcome = await processUpload(key, deps);

    // Assert
    expect(outcome).toBe('missing');
    expect(await deps.images.get(objectId, imageId)).toEqual(pending);
  });

  it('ignores an upload for which no image was requested', async () => {
    // Arrange
    const deps = setup([], { [key]: await photo() });

    // Act
    const outcome = await processUpload(key, deps);

    // Assert
    expect(outcome).toBe('unknown-image');
    expect([...deps.blobs.blobs.keys()]).toEqual([key]);
  });

  it.each(['images/a/b.jpg', 'uploads/only-one-part', `uploads/${objectId}/${imageId}/extra`, `uploads//${imageId}`])(
    'ignores the key %s, which is not an upload',
    async (other) => {
      // Arrange
      const deps = setup([pending], { [other]: await photo() });

      // Act
      const outcome = await processUpload(other, deps);

      // Assert
      expect(outcome).toBe('ignored');
      expect(await deps.images.get(objectId, imageId)).toEqual(pending);
    },
  );

  it('lets a storage failure propagate and keeps the image pending, so that the event is retried', async () => {
    // Arrange
    const deps = setup([pending], { [key]: await photo() });
    deps.blobs.put = async () => {
      throw new Error('S3 is unavailable');
    };

    // Act
    const result = processUpload(key, deps);

    // Assert
    await expect(result).rejects.toThrow('S3 is unavailable');
    expect(await deps.images.get(objectId, imageId)).toEqual(pending);
    expect(deps.blobs.blobs.has(key)).toBe(true);
  });

  it('stores a JPEG with a ZIP archive appended only as re-encoded copies, keeping the original under uploads/', async () => {
    // Arrange
    const polyglot = Buffer.concat([await photo(), Buffer.from('PK\x03\x04\x14\x00\x00\x00payload.js')]);
    const deps = setup([pending], { [key]: polyglot });

    // Act
    const outcome = await processUpload(key, deps);

    // Assert
    expect(outcome).toBe('ready');
    const copies = [`images/${objectId}/${imageId}.jpg`, `thumbs/${objectId}/${imageId}-small.jpg`, `thumbs/${objectId}/${imageId}.jpg`];
    for (const stored of copies) {
      const bytes = Buffer.from(deps.blobs.blobs.get(stored)!.body);
      expect(bytes.includes('PK\x03\x04')).toBe(false);
      expect(bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    }
    expect([...deps.blobs.blobs.keys()].sort()).toEqual([...copies, key]);
  });

  it('rejects an SVG uploaded as image/jpeg and deletes it', async () => {
    // Arrange
    const drawing = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><script>alert(1)</script></svg>');
    const deps = setup([pending], { [key]: drawing });

    // Act
    const outcome = await processUpload(key, deps);

    // Assert
    expect(outcome).toBe('rejected');
    expect(await deps.images.get(objectId, imageId)).toMatchObject({ status: 'rejected', reason: 'the file is not a JPEG, PNG or WebP image' });
    expect([...deps.blobs.blobs.keys()]).toEqual([]);
  });
});
