// Hands the owner of an object a presigned upload for one more photo, and records the image as pending.
import type * as z from 'zod';
import { bucket } from '../../infra/resources.ts';
import type { Caller } from '../../schemas/identity.ts';
import type { ImageUpload } from '../../schemas/object.ts';
import type { QueryUpload } from '../../schemas/matching.ts';
import { Conflict } from '../http/errors.ts';
import { assertCanChange, findVisible } from '../objects/access.ts';
import { queryPrefixOf } from '../matching/query-keys.ts';
import { uploadExpired, uploadExpiresInSeconds } from './upload-window.ts';
import type { Clock, ImageRecord, ImageRepository, Ids, ObjectRepository, UploadGrants } from '../objects/model.ts';

export const maxImagesPerObject = 20;


export interface ImageUploadRequest {
  objectId: string;
  contentType: string;
  filename?: string | undefined;
}

export async function requestImageUpload(
  input: ImageUploadRequest,
  caller: Caller,
  deps: { objects: Pick<ObjectRepository, 'get'>; images: ImageRepository; uploads: UploadGrants; clock: Clock; ids: Ids },
): Promise<z.output<typeof ImageUpload>> {
  const found = await findVisible(input.objectId, caller, deps.objects);
  assertCanChange(caller, found.object);

  // Pending images count while their upload link is valid: the file may still arrive.
  const now = deps.clock.now();
  const kept = found.images.filter((image) => image.status === 'ready' || (image.status === 'pending' && !uploadExpired(image, now))).length;
  if (kept >= maxImagesPerObject) {
    throw new Conflict(`An object may have at most ${maxImagesPerObject} images and this one already has ${kept}`);
  }

  const imageId = deps.ids.next();
  const image: ImageRecord = {
    objectId: input.objectId,
    id: imageId,
    status: 'pending',
    contentType: input.contentType,
    ...(input.filename ? { filename: input.filename } : {}),
    uploadKey: `${bucket.uploadsPrefix}${input.objectId}/${imageId}`,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await deps.images.create(image);

  const { url, fields } = await deps.uploads.presignPost({
    key: image.uploadKey,
    contentType: input.contentType,
    maxBytes: bucket.maxUploadBytes,
    expiresInSeconds: uploadExpiresInSeconds,
  });
  return {
    imageId,
    url,
    fields,
    maxBytes: bucket.maxUploadBytes,
    expiresAt: new Date(now.getTime() + uploadExpiresInSeconds * 1000).toISOString(),
  };
}

export async function requestQueryUpload(
  input: { contentType: string },
  caller: Caller,
  deps: { uploads: UploadGrants; clock: Clock; ids: Ids },
): Promise<z.output<typeof QueryUpload>> {
  const now = deps.clock.now();
  const imageKey = `${queryPrefixOf(caller)}${deps.ids.next()}`;
  const { url, fields } = await deps.uploads.presignPost({
    key: imageKey,
    contentType: input.contentType,
    maxBytes: bucket.maxUploadBytes,
    expiresInSeconds: uploadExpiresInSeconds,
  });
  return { imageKey, url, fields, maxBytes: bucket.maxUploadBytes, expiresAt: new Date(now.getTime() + uploadExpiresInSeconds * 1000).toISOString() };
}
