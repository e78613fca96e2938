// Builds the watch list an officer keeps on a device: the sought objects of some countries and types, compact, with a
// small thumbnail, and its refresh (what changed since the last download, and what left the list).
import type { Caller } from '../../schemas/identity.ts';
import { searchableStatuses, isSearchable } from '../../schemas/status-transitions.ts';
import type { WatchListEntry, WatchListPage, WatchListQuery } from '../../schemas/watch-lists.ts';
import { inScope, readableScope, type ReadableScope } from '../http/permissions.ts';
import type { BlobStore, Clock, ObjectRepository, StoredObject } from '../objects/model.ts';
import { normaliseObjectType } from '../objects/object-type.ts';
import { firstReadyImage } from '../objects/read.ts';
import { toSummary } from '../objects/view.ts';
import type { WatchListSource } from './model.ts';

/**
 * How far behind the clock a download's asOf is set. A change is stamped before it is written, and the index that
 * lists it is eventually consistent: a change stamped just before the download may show up only after it. The next
 * refresh starts this far back, so it may hand out again what changed in that minute, but never misses a change.
 */
export const settleMs = 60_000;
const thumbnailLinkSeconds = 15 * 60;

/** Free-text fields kept whole up to these lengths: 5,000 objects must fit in 25 MB on a phone. */
export const textLimits = { description: 1200, distinguishingFeatures: 600 } as const;

/** Cuts `text` to at most `max` characters, at a word boundary when there is one, marked with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface ListFilter {
  countries: readonly string[];
  /** Normalised object types; every type without it. */
  objectTypes?: readonly string[];
}

type Listed = StoredObject & { incident: NonNullable<StoredObject['incident']> };

/** Whether the object is on the caller's list: sought or unsettled, lost in one of the countries, of the types, readable. */
export function onList(object: StoredObject, filter: ListFilter, scope: ReadableScope): object is Listed {
  return (
    isSearchable(object.status) &&
    object.incident !== undefined &&
    filter.countries.includes(object.incident.country) &&
    (!filter.objectTypes || filter.objectTypes.includes(normaliseObjectType(object.objectType))) &&
    inScope(scope, object)
  );
}

/** The entry of an object on the list: the fields named here only, so that no restricted one can slip in. */
export function toEntry(object: Listed, caller: Caller, thumbnail?: WatchListEntry['thumbnail']): WatchListEntry {
  const summary = toSummary(object, caller);
  const truncated = (['description', 'distinguishingFeatures'] as const).filter((field) => (summary[field]?.length ?? 0) > textLimits[field]);
  const { country, place, date } = object.incident;
  return {
    id: summary.id,
    version: summary.version,
    status: summary.status,
    lang: summary.lang,
    objectType: summary.objectType,
    title: summary.title,
    materials: summary.materials,
    techniques: summary.techniques,
    measurements: summary.measurements,
    inscriptions: summary.inscriptions,
    markings: summary.markings,
    distinguishingFeatures: summary.distinguishingFeatures && shorten(summary.distinguishingFeatures, textLimits.distinguishingFeatures),
    subject: summary.subject,
    dateOrPeriod: summary.dateOrPeriod,
    maker: summary.maker,
    culture: summary.culture,
    description: shorten(summary.description, textLimits.description),
    incident: { country, place, date },
    notice: summary.notice,
    updatedAt: summary.updatedAt,
    truncated: truncated.length > 0 ? truncated : undefined,
    thumbnail,
  };
}

type Deps = { watchList: WatchListSource; objects: Pick<ObjectRepository, 'get'>; blobs: Pick<BlobStore, 'presignGet'>; clock: Clock };

async function thumbnailOf(object: StoredObject, deps: Deps, now: Date): Promise<WatchListEntry['thumbnail']> {
  const image = firstReadyImage((await deps.objects.get(object.id))?.images ?? []);
  const key = image?.smallThumbnailKey ?? image?.thumbnailKey;
  if (!key) return undefined;
  return { url: await deps.blobs.presignGet(key, thumbnailLinkSeconds), expiresAt: new Date(now.getTime() + thumbnailLinkSeconds * 1000).toISOString() };
}

export async function watchList(query: WatchListQuery, caller: Caller, deps: Deps): Promise<WatchListPage> {
  const now = deps.clock.now();
  const scope = readableScope(caller);
  const filter: ListFilter = { countries: query.countries, ...(query.objectTypes ? { objectTypes: query.objectTypes.map(normaliseObjectType) } : {}) };
  // Instants compare as text in the index: the one given is written the way the registry stamps its changes.
  const since = query.since && new Date(query.since).toISOString();
  const page = await deps.watchList.changes(
    { countries: filter.countries, ...(since ? { since } : { listed: { statuses: [...searchableStatuses], objectTypes: filter.objectTypes, readable: scope } }) },
    { limit: query.limit, asOf: new Date(now.getTime() - settleMs).toISOString(), ...(query.cursor ? { cursor: query.cursor } : {}) },
  );
  const listed = page.items.filter((object) => onList(object, filter, scope));
  // A first download has nothing to take back; a refresh names every changed object that is not (or no longer) listed.
  const removed = since ? page.items.filter((object) => !onList(object, filter, scope)).map((object) => object.id) : [];
  const items = await Promise.all(listed.map(async (object) => toEntry(object, caller, await thumbnailOf(object, deps, now))));
  return { items, removed, asOf: page.asOf, ...(page.cursor ? { cursor: page.cursor } : {}) };
}
