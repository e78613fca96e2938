// The searchable registry in one function's memory: text and photo indexes of every registered object, loaded
// from the latest snapshot plus the changes since, refreshed before use. Only objects still sought are found.
import type { StoredObject } from '../objects/model.ts';
import { isSearchable } from '../../schemas/status-transitions.ts';
import { bestPerObject, calibrate, combine } from './combine.ts';
import type { Candidate, IndexedObject, TextQuery } from './model.ts';
import type { PhotoFingerprint } from './photo/fingerprint.ts';
import { createPhotoIndex, photoAlertThreshold, photoIndexFromSnapshot, type LocalFeatureLoader, type PhotoIndex, type PhotoIndexSnapshot } from './photo/photo-index.ts';
import { decodeIndexSnapshot } from './snapshot-file.ts';
import { createTextIndex, textAlertThreshold, textIndexFromSnapshot } from './text/text-index.ts';

type TextIndex = ReturnType<typeof createTextIndex>;

export type IndexChange =
  | { kind: 'object'; object: StoredObject }
  | { kind: 'photo'; objectId: string; imageId: string; fingerprint: PhotoFingerprint; at: string };

export interface IndexSnapshot {
  builtAt: string;
  sought: string[];
  text: string | Uint8Array;
  photo: PhotoIndexSnapshot;
}

export interface IndexStore {
  /** The latest snapshot's bytes, as snapshot-file.ts writes them. */
  loadSnapshot(): Promise<Uint8Array | undefined>;
  /** Object and image changes at or after the instant (all of them when undefined), oldest first. */
  changesSince(at: string | undefined): AsyncIterable<IndexChange>;
  localFeatures: LocalFeatureLoader;
}

export interface MatchQuery {
  text?: TextQuery;
  photos?: PhotoFingerprint[];
}

// Items written in the same instant as the last change read may not have been visible yet: read a little back.
const overlapMs = 60_000;
const refreshAfterMs = 5_000;

export function toIndexedObject(object: StoredObject): IndexedObject {
  const { id, lang, objectType, title, materials, techniques, measurements, inscriptions, markings, distinguishingFeatures, subject, dateOrPeriod, maker, culture, description } = object;
  return { id, country: object.incident?.country ?? '', lang, objectType, title, materials, techniques, measurements, inscriptions, markings, distinguishingFeatures, subject, dateOrPeriod, maker, culture, description };
}

/** Searches a text index and a photo index together; used for the whole registry and for one new object. */
export async function searchIndexes(
  indexes: { text: TextIndex; photo: PhotoIndex; isSought: (id: string) => boolean },
  query: MatchQuery,
  limit: number,
  loadLocal?: LocalFeatureLoader,
): Promise<Candidate[]> {
  // Search wider than asked: objects no longer sought are dropped afterwards.
  const wide = limit * 3 + 10;
  const text = query.text ? indexes.text.search(query.text, wide) : [];
  const photos = await Promise.all((query.photos ?? []).map((photo) => indexes.photo.search(photo, wide, loadLocal)));
  const calibrated = (list: Candidate[], threshold: number) =>
    list.filter((candidate) => indexes.isSought(candidate.objectId)).map((candidate) => ({ ...candidate, score: calibrate(candidate.score, threshold) }));
  return combine([calibrated(text, textAlertThreshold), calibrated(bestPerObject(photos), photoAlertThreshold)], limit);
}

export interface RegistryIndex {
  readonly size: number;
  refresh(): Promise<void>;
  apply(change: IndexChange): void;
  search(query: MatchQuery, limit: number): Promise<Candidate[]>;
  snapshot(): IndexSnapshot;
}

/**
 * The indexes as the snapshot has them; none if there is none, or if this code cannot read it (damaged, cut short, or
 * another version wrote it): the index is then rebuilt from the table's changes, and the next scheduled snapshot
 * replaces the unreadable one.
 */
function indexesFrom(stored: Uint8Array | undefined, warn: (message: string, detail: object) => void) {
  if (stored) {
    let builtAt: string | undefined;
    try {
      const saved = decodeIndexSnapshot(stored);
      builtAt = saved.builtAt;
      return { saved, text: textIndexFromSnapshot(saved.text), photo: photoIndexFromSnapshot(saved.photo, { keepLocalFeatures: false }) };
    } catch (error) {
      warn('index snapshot unreadable: rebuilding the index from the table', { builtAt, error: String(error) });
    }
  }
  return { saved: undefined, text: createTextIndex(), photo: createPhotoIndex({ keepLocalFeatures: false }) };
}

export async function loadRegistryIndex(store: IndexStore, clock: { now(): Date }, warn: (message: string, detail: object) => void = () => {}): Promise<RegistryIndex> {
  const { saved, text, photo } = indexesFrom(await store.loadSnapshot(), warn);
  const soughtIds = new Set(saved?.sought ?? []);
  let lastChange = saved?.builtAt;
  let refreshedAt = 0;

  function apply(change: IndexChange) {
    if (change.kind === 'object') {
      const { object } = change;
      text.upsert(toIndexedObject(object));
      if (isSearchable(object.status)) soughtIds.add(object.id);
      else soughtIds.delete(object.id);
      if (!lastChange || object.updatedAt > lastChange) lastChange = object.updatedAt;
    } else {
      photo.upsert(change.objectId, change.imageId, change.fingerprint);
      if (!lastChange || change.at > lastChange) lastChange = change.at;
    }
  }

  async function refresh() {
    const from = lastChange ? new Date(Date.parse(lastChange) - overlapMs).toISOString() : undefined;
    for await (const change of store.changesSince(from)) apply(change);
    refreshedAt = clock.now().getTime();
  }

  await refresh();
  const isSought = (id: string) => soughtIds.has(id);

  return {
    get size() {
      return soughtIds.size;
    },
    refresh,
    apply,
    async search(query, limit) {
      if (clock.now().getTime() - refreshedAt > refreshAfterMs) await refresh();
      return searchIndexes({ text, photo, isSought }, query, limit, store.localFeatures);
    },
    snapshot() {
      return { builtAt: lastChange ?? new Date(0).toISOString(), sought: [...soughtIds], text: text.toSnapshot(), photo: photo.toSnapshot() };
    },
  };
}
