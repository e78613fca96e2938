// The port through which the watch list reads the registry: objects by country in the order they changed.
import type { ObjectStatus } from '../../schemas/object-id.ts';
import type { ReadableScope } from '../http/permissions.ts';
import type { StoredObject } from '../objects/model.ts';

/** What a first download keeps (a refresh reads every change, to tell which objects left the list). */
export interface ListedFilter {
  statuses: readonly ObjectStatus[];
  /** Normalised object types; every type without it. */
  objectTypes?: readonly string[];
  readable: ReadableScope;
}

export interface WatchListPage {
  items: StoredObject[];
  cursor?: string;
  /** The instant the download describes: the one the first page was given, carried by its cursor. */
  asOf: string;
}

export interface WatchListSource {
  /**
   * Objects lost in `countries`, oldest change first, a page at a time. With `since`, every object changed at or after
   * it, on the list or not; without it, only those `listed` admits. A cursor resumes the download it came from, whose
   * `asOf` it keeps.
   */
  changes(
    query: { countries: readonly string[]; since?: string; listed?: ListedFilter },
    page: { limit: number; cursor?: string; asOf: string },
  ): Promise<WatchListPage>;
}
