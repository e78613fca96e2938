// Reads objects for any authenticated caller: one, a filtered page, or one object's history.
import type { Caller } from '../../schemas/identity.ts';
import type { HistoryEntry, ListObjectsQuery, ObjectView } from '../../schemas/object.ts';
import { NotFound } from '../http/errors.ts';
import { readableScope, seesRestricted } from '../http/permissions.ts';
import { findVisible } from './access.ts';
import type { BlobStore, Clock, ImageRecord, ObjectRepository } from './model.ts';
import { toSummary, toView } from './view.ts';

const thumbnailLinkSeconds = 5 * 60;

type ReadDeps = { objects: ObjectRepository; blobs: BlobStore; clock: Clock };

export async function readObject(id: string, caller: Caller, deps: ReadDeps): Promise<ObjectView> {
  const found = await findVisible(id, caller, deps.objects);
  return toView(found.object, found.images, caller, deps);
}

/** The object's first ready photo, by upload time: the one that stands for it in links and lists. */
export const firstReadyImage = (images: ImageRecord[]): ImageRecord | undefined =>
  [...images].filter((image) => image.status === 'ready' && image.thumbnailKey).sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];

/** A short-lived link to the thumbnail of the object's first ready photo: what links in alerts and emails resolve to. */
export async function thumbnailLink(id: string, caller: Caller, deps: { objects: ObjectRepository; blobs: BlobStore }): Promise<string> {
  const found = await findVisible(id, caller, deps.objects);
  const first = firstReadyImage(found.images);
  if (!first?.thumbnailKey) throw new NotFound(`Object ${id} has no photo yet`);
  return deps.blobs.presignGet(first.thumbnailKey, thumbnailLinkSeconds);
}

export async function listObjects(query: ListObjectsQuery, caller: Caller, deps: { objects: ObjectRepository }) {
  const { cursor, limit, ...filter } = query;
  const page = await deps.objects.list({ ...filter, readable: readableScope(caller) }, { limit, ...(cursor ? { cursor } : {}) });
  return { items: page.items.map((object) => toSummary(object, caller)), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

export async function objectHistory(id: string, caller: Caller, deps: { objects: ObjectRepository }): Promise<{ items: HistoryEntry[] }> {
  const found = await findVisible(id, caller, deps.objects);
  const items = await deps.objects.history(id);
  if (seesRestricted(caller, found.object.orgId)) return { items };
  // Who on the museum's staff made a change, and their notes, can touch on the investigation.
  return { items: items.map(({ by, note: _note, ...entry }) => ({ ...entry, by: { org: by.org } })) };
}
