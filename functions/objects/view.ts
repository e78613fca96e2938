// Turns a stored object into what one caller may see: restricted fields removed, image links signed.
import type { Caller } from '../../schemas/identity.ts';
import { defaultVisibility, restrictedFields, type ObjectStatus } from '../../schemas/object-id.ts';
import type { ImageView, ObjectSummary, ObjectView } from '../../schemas/object.ts';
import { isPartner, seesRestricted } from '../http/permissions.ts';
import type { BlobStore, Clock, ImageRecord, StoredObject } from './model.ts';
import { uploadExpired, uploadNeverArrived } from '../images/upload-window.ts';

const linkLifetimeSeconds = 15 * 60;

async function imageView(image: ImageRecord, blobs: BlobStore, now: Date): Promise<ImageView> {
  const named = image.filename ? { filename: image.filename } : {};
  if (uploadExpired(image, now)) return { id: image.id, status: 'rejected', reason: uploadNeverArrived, ...named, createdAt: image.createdAt };
  const view: ImageView = { id: image.id, status: image.status, ...named, createdAt: image.createdAt };
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

const notices: Partial<Record<ObjectStatus, string>> = {
  'found-unresolved': 'Located; its ownership is not settled yet',
  disputed: 'Its ownership is disputed',
};

// The note of a dispute says who claims the object: for partners, not for the public.
function noticeOf(object: StoredObject, caller: Caller): string | undefined {
  const notice = notices[object.status];
  if (!notice) return undefined;
  return object.statusNote && isPartner(caller) ? `${notice}: ${object.statusNote}` : notice;
}

export function toSummary(object: StoredObject, caller: Caller): ObjectSummary {
  const { createdBy: _createdBy, statusNote: _note, quietImport: _quiet, ...record } = object;
  const notice = noticeOf(object, caller);
  const visible: ObjectSummary = { ...record, visibility: object.visibility ?? defaultVisibility, ...(notice ? { notice } : {}) };
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
