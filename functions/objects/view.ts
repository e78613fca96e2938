// Turns a stored object into what one caller may see: restricted fields removed, image links signed.
import type { Caller } from '../../schemas/identity.ts';
import { restrictedFields } from '../../schemas/object-id.ts';
import type { ImageView, ObjectSummary, ObjectView } from '../../schemas/object.ts';
import { seesRestricted } from '../http/permissions.ts';
import type { BlobStore, Clock, ImageRecord, StoredObject } from './model.ts';
import { uploadExpired } from '../images/upload-window.ts';

const linkLifetimeSeconds = 15 * 60;

async function imageView(image: ImageRecord, blobs: BlobStore, now: Date): Promise<ImageView> {
  if (uploadExpired(image, now)) {
    return { id: image.id, status: 'rejected', reason: 'no file arrived before the upload link expired', createdAt: image.createdAt };
  }
  const view: ImageView = { id: image.id, status: image.status, createdAt: image.createdAt };
  if (image.reason) view.reason = image.reason;
  if (image.status === 'ready' && image.normalisedKey && image.thumbnailKey) {
    view.width = image.width;
    view.height = image.height;
    [view.url, view.thumbnailUrl] = await Promise.all([
      blobs.presignGet(image.normalisedKey, linkLifetimeSeconds),
      blobs.presignGet(image.thumbnailKey, linkLifetimeSeconds),
    ]);
  }
  return view;
}

export function toSummary(object: StoredObject, caller: Caller): ObjectSummary {
  const { createdBy: _createdBy, ...visible } = object;
  if (!seesRestricted(caller, object.orgId)) {
    for (const field of restrictedFields) delete visible[field];
  }
  return visible;
}

export async function toView(object: StoredObject, images: ImageRecord[], caller: Caller, deps: { blobs: BlobStore; clock: Clock }): Promise<ObjectView> {
  const ordered = [...images].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const now = deps.clock.now();
  return { ...toSummary(object, caller), images: await Promise.all(ordered.map((image) => imageView(image, deps.blobs, now))) };
}
