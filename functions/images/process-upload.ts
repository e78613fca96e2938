// Settles one uploaded photo: stores its normalised image and thumbnail, or rejects it and deletes the upload.
import { bucket } from '../../infra/resources.ts';
import type { BlobStore, Clock, ImageOutcome, ImageRepository, StoredFingerprint } from '../objects/model.ts';
import { normalisePhoto, PhotoRejected } from './photo.ts';

export type ProcessOutcome = 'ready' | 'rejected' | 'already-settled' | 'unknown-image' | 'missing' | 'ignored';

const megabytes = (bytes: number) => bytes / (1024 * 1024);

function parseUploadKey(key: string): { objectId: string; imageId: string } | undefined {
  if (!key.startsWith(bucket.uploadsPrefix)) return undefined;
  const [objectId, imageId, ...rest] = key.slice(bucket.uploadsPrefix.length).split('/');
  return objectId && imageId && rest.length === 0 ? { objectId, imageId } : undefined;
}

export async function processUpload(
  key: string,
  deps: {
    images: ImageRepository;
    blobs: Pick<BlobStore, 'size' | 'get' | 'put' | 'delete'>;
    clock: Clock;
    /** Photo matching's fingerprint of the normalised image, stored with it so that matching never recomputes it. */
    fingerprint: (normalised: Uint8Array) => Promise<StoredFingerprint>;
  },
): Promise<ProcessOutcome> {
  const parsed = parseUploadKey(key);
  if (!parsed) return 'ignored';
  const { objectId, imageId } = parsed;

  const image = await deps.images.get(objectId, imageId);
  if (!image) return 'unknown-image';
  if (image.status !== 'pending') {
    // S3 delivers events at least once: a crash after settling but before deleting must not leave the file behind.
    if (image.status === 'rejected') await deps.blobs.delete(key);
    return 'already-settled';
  }

  const size = await deps.blobs.size(key);
  if (size === undefined) return 'missing';

  const settle = async (outcome: ImageOutcome, fingerprint?: StoredFingerprint): Promise<ProcessOutcome> => {
    const settled = await deps.images.settle(objectId, imageId, outcome, deps.clock.now().toISOString(), fingerprint);
    // A rejected upload may be hostile: keep none of it, whoever settled it.
    if (outcome.status === 'rejected') await deps.blobs.delete(key);
    return settled ? outcome.status : 'already-settled';
  };

  // The presigned POST policy caps the size in AWS, but the local S3 emulator does not enforce it.
  if (size > bucket.maxUploadBytes) {
    return settle({
      status: 'rejected',
      reason: `the file is ${megabytes(size).toFixed(1)} MB, more than the ${megabytes(bucket.maxUploadBytes)} MB limit`,
    });
  }

  // Anything but a refusal (S3 or DynamoDB trouble, a bug) propagates so that Lambda retries, then dead-letters.
  const photo = await normalisePhoto(await deps.blobs.get(key)).catch((error: unknown) => {
    if (error instanceof PhotoRejected) return error;
    throw error;
  });
  if (photo instanceof PhotoRejected) return settle({ status: 'rejected', reason: photo.message });

  const normalisedKey = `${bucket.normalisedPrefix}${objectId}/${imageId}.jpg`;
  const thumbnailKey = `${bucket.thumbnailsPrefix}${objectId}/${imageId}.jpg`;
  const smallThumbnailKey = `${bucket.thumbnailsPrefix}${objectId}/${imageId}-small.jpg`;
  await deps.blobs.put(normalisedKey, photo.normalised, 'image/jpeg');
  await deps.blobs.put(thumbnailKey, photo.thumbnail, 'image/jpeg');
  await deps.blobs.put(smallThumbnailKey, photo.smallThumbnail, 'image/jpeg');
  const fingerprint = await deps.fingerprint(photo.normalised);
  return settle({
    status: 'ready',
    normalisedKey,
    thumbnailKey,
    smallThumbnailKey,
    width: photo.width,
    height: photo.height,
    bytes: size,
    sha256: photo.sha256,
  }, fingerprint);
}
