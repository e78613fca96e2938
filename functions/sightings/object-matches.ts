// The matches found for one object, newest first, with where and when it was seen: for its museum and investigators.
import type { Caller } from '../../schemas/identity.ts';
import type { ObjectMatch, ObjectMatchesQuery } from '../../schemas/matching.ts';
import { assertAllowedOn } from '../http/permissions.ts';
import { findVisible } from '../objects/access.ts';
import type { ObjectRepository } from '../objects/model.ts';
import type { SightingRepository, StoredSighting } from './model.ts';
import { matchView } from './read.ts';

/**
 * What the object's museum may learn of a sighting it may not read (sighting.read): what its alerts tell, where, when
 * and on which listing page (a lot's page, its sale date in seenAt); never the report's text, photos or reporter.
 */
const seenPart = (sighting: StoredSighting): NonNullable<ObjectMatch['sighting']> => ({
  channel: sighting.channel,
  seenAt: sighting.seenAt,
  ...(sighting.sourceUrl ? { sourceUrl: sighting.sourceUrl } : {}),
});

export async function objectMatches(
  id: string,
  query: ObjectMatchesQuery,
  caller: Caller,
  deps: { sightings: Pick<SightingRepository, 'matchesOf' | 'get'>; objects: Pick<ObjectRepository, 'get'> },
): Promise<{ items: ObjectMatch[]; cursor?: string }> {
  const found = await findVisible(id, caller, deps.objects);
  assertAllowedOn(caller, 'match.read', found.object.orgId, "Only the museum that owns the object, police, customs and admins see the object's matches");
  const page = await deps.sightings.matchesOf(id, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
  const sightings = await Promise.all(page.items.map((match) => deps.sightings.get(match.sightingId)));
  const items = page.items.map((match, n) => {
    const sighting = sightings[n];
    return { ...matchView(match, caller), ...(sighting ? { sighting: seenPart(sighting) } : {}) };
  });
  return { items, ...(page.cursor ? { cursor: page.cursor } : {}) };
}
