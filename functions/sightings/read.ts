// Shows a sighting and its matches to those who may see them.
import type * as z from 'zod';
import type { Caller } from '../../schemas/identity.ts';
import type { MatchView, SightingView } from '../../schemas/matching.ts';
import { confidenceOf } from '../matching/combine.ts';
import { Forbidden, NotFound } from '../http/errors.ts';
import type { SightingRepository, StoredMatch, StoredSighting } from './model.ts';

const investigators = new Set(['police', 'customs', 'admin']);

export function canReadSighting(caller: Caller, sighting: StoredSighting) {
  return investigators.has(caller.role) || caller.org === sighting.reportedBy.org;
}

/** Reviewer notes and names are for investigators and the museum that owns the object. */
export function matchView(match: StoredMatch, caller: Caller): MatchView {
  const { objectOrgId, sightingCountry: _country, review, ...visible } = match;
  const seesReviewer = investigators.has(caller.role) || caller.org === objectOrgId;
  return {
    ...visible,
    confidence: confidenceOf(match.score),
    ...(review ? { review: seesReviewer ? review : { verdict: review.verdict, at: review.at, by: { org: review.by.org } } } : {}),
  };
}

export async function readSighting(id: string, caller: Caller, deps: { sightings: SightingRepository }): Promise<z.infer<typeof SightingView>> {
  const sighting = await deps.sightings.get(id);
  if (!sighting) throw new NotFound(`No sighting ${id}`);
  if (!canReadSighting(caller, sighting)) throw new Forbidden('Only the organisation that reported a sighting, police, customs and admins may read it');
  const matches = await deps.sightings.getMatches(sighting.matchIds);
  const { reportedBy, attempts: _attempts, matchIds: _ids, updatedAt: _updated, ...rest } = sighting;
  return {
    ...rest,
    reportedBy: { org: reportedBy.org },
    matches: matches.sort((a, b) => b.score - a.score).map((match) => matchView(match, caller)),
  };
}
