// Which status an object may move to from the one it has, and which statuses the registry searches and matches.
import type { ObjectStatus } from './object-id.ts';

/**
 * Allowed changes of status. A loss can be corrected (stolen was in fact looted), an object can be lost again after
 * its return, and one located while its ownership is unsettled stays searchable until that is resolved.
 */
export const statusTransitions: Readonly<Record<ObjectStatus, readonly ObjectStatus[]>> = {
  inventoried: ['stolen', 'missing', 'looted'],
  stolen: ['missing', 'looted', 'found-unresolved', 'disputed', 'recovered', 'returned'],
  missing: ['stolen', 'looted', 'found-unresolved', 'disputed', 'recovered', 'returned'],
  looted: ['stolen', 'missing', 'found-unresolved', 'disputed', 'recovered', 'returned'],
  'found-unresolved': ['disputed', 'recovered', 'returned', 'stolen', 'missing'],
  disputed: ['found-unresolved', 'recovered', 'returned', 'stolen', 'missing'],
  recovered: ['returned', 'disputed', 'stolen', 'missing'],
  returned: ['inventoried', 'stolen', 'missing', 'looted', 'disputed'],
};

/** Statuses whose objects are found by searches and matched against sightings: the sought and the unsettled. */
export const searchableStatuses: ReadonlySet<ObjectStatus> = new Set(['stolen', 'missing', 'looted', 'found-unresolved', 'disputed']);

export const isSearchable = (status: ObjectStatus): boolean => searchableStatuses.has(status);
