// Turns a query photo (uploaded, or sent inline) into a fingerprint, with the same checks as an object's photo.
import { bucket } from '../../infra/resources.ts';
import { maxInlinePhotoBytes } from '../../schemas/matching.ts';
import { Invalid, PayloadTooLarge } from '../http/errors.ts';
import { normalisePhoto, PhotoRejected } from '../images/photo.ts';
import type { BlobStore } from '../objects/model.ts';
import type { PhotoFingerprint } from './photo/fingerprint.ts';

export type Fingerprinter = (bytes: Uint8Array, options: { query: boolean }) => Promise<PhotoFingerprint>;

export interface QueryPhotoDeps {
  blobs: Pick<BlobStore, 'size' | 'get'>;
  fingerprint: Fingerprinter;
}

export async function storedQueryPhoto(imageKey: string, field: string, deps: QueryPhotoDeps): Promise<Uint8Array> {
  const size = await deps.blobs.size(imageKey);
  if (size === undefined) throw new Invalid(`No photo was uploaded to ${imageKey}`, [{ path: field, reason: 'no photo was uploaded with this key' }]);
  if (size > bucket.maxUploadBytes) throw new PayloadTooLarge(bucket.maxUploadBytes);
  return deps.blobs.get(imageKey);
}

/** Validates and normalises the photo as the image processor does, then fingerprints it for a query. */
export async function fingerprintQueryPhoto(bytes: Uint8Array, field: string, deps: Pick<QueryPhotoDeps, 'fingerprint'>): Promise<PhotoFingerprint> {
  try {
    const photo = await normalisePhoto(bytes);
    const fingerprint = await deps.fingerprint(photo.normalised, { query: true });
    return { ...fingerprint, photo: { width: photo.width, height: photo.height } };
  } catch (error) {
    if (error instanceof PhotoRejected) throw new Invalid(`The photo cannot be used: ${error.message}`, [{ path: field, reason: error.message }]);
    throw error;
  }
}

/** An uploaded query photo, checked and fingerprinted; `field` names it in errors. */
export async function fingerprintUploadedPhoto(imageKey: string, field: string, deps: QueryPhotoDeps): Promise<PhotoFingerprint> {
  return fingerprintQueryPhoto(await storedQueryPhoto(imageKey, field, deps), field, deps);
}

export function decodeInlinePhoto(base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.byteLength > maxInlinePhotoBytes) throw new PayloadTooLarge(maxInlinePhotoBytes);
  return bytes;
}
