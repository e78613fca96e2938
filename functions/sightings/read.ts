// Shows a sighting and its matches to those who may see them.
import type * as z from 'zod';
import type { Caller } from '../../schemas/identity.ts';
import { contactPolice, type MatchView, type SightingView } from '../../schemas/matching.ts';
import { confidenceOf } from '../matching/combine.ts';
import { NotFound } from '../http/errors.ts';
import { assertAllowedOn, maySee, seesRestricted } from '../http/permissions.ts';
import type { ObjectRepository } from '../objects/model.ts';
import type { SightingRepository, StoredMatch } from './model.ts';

/** Reviewer notes and names are for investigators and the museum that owns the object. */
export function matchView(match: StoredMatch, caller: Caller): MatchView {
  const { objectOrgId, sightingCountry: _country, review, ...visible } = match;
  return {
    ...visible,
    confidence: confidenceOf(match.score, match.reasons),
    ...(review ? { review: seesRestricted(caller, objectOrgId) ? review : { verdict: review.verdict, at: review.at, by: { org: review.by.org } } } : {}),
  };
}

export async function readSighting(
  id: string,
  caller: Caller,
  deps: { sightings: SightingRepository; objects: Pick<ObjectRepository, 'get'> },
): Promise<z.infer<typeof SightingView>> {
  const sighting = await deps.sightings.get(id);
  if (!sighting) throw new NotFound(`No sighting ${id}`);
  assertAllowedOn(caller, 'sighting.read', sighting.reportedBy.org, 'Only the organisation that reported a sighting, police, customs and admins may read it');
  const matches = (await deps.sightings.getMatches(sighting.matchIds)).sort((a, b) => b.score - a.score);
  // Visibility is the object's, and may have changed since the match: it is read now.
  const objects = await Promise.all(matches.map((match) => deps.objects.get(match.objectId)));
  const seen = objects.map((found) => found && maySee(caller, found.object));
  const visible = matches.filter((_, n) => seen[n] === true);
  const hidden = seen.includes(false);
  const { reportedBy, attempts: _attempts, matchIds: _ids, updatedAt: _updated, photoGlobals: _globals, ...rest } = sighting;
  return {
    ...rest,
    redLists: sighting.redLists ?? [],
    reportedBy: { org: reportedBy.org },
    matches: [...visible.map((match) => matchView(match, caller)), ...(hidden ? [{ restricted: true as const, notice: contactPolice }] : [])],
  };
}
