// A person's verdict on a match: confirmed (the object is found) or rejected (never alerted again).
import type { Caller } from '../../schemas/identity.ts';
import type { ReviewMatch } from '../../schemas/matching.ts';
import { Conflict, NotFound } from '../http/errors.ts';
import { assertAllowedOn } from '../http/permissions.ts';
import type { Clock } from '../objects/model.ts';
import type { SightingRepository, StoredMatch } from './model.ts';

export async function reviewMatch(
  id: string,
  review: ReviewMatch,
  caller: Caller,
  deps: { sightings: SightingRepository; clock: Clock },
): Promise<StoredMatch> {
  const match = await deps.sightings.getMatch(id);
  if (!match) throw new NotFound(`No match ${id}`);
  assertAllowedOn(caller, 'match.review', match.objectOrgId, 'Only the museum that owns the object, police and admins review matches');
  if (match.status !== 'open') throw new Conflict(`The match was already ${match.status}`, [{ path: 'verdict', reason: `the match is already ${match.status}` }]);
  const reviewed: StoredMatch = {
    ...match,
    status: review.verdict,
    review: { verdict: review.verdict, by: { sub: caller.sub, org: caller.org }, at: deps.clock.now().toISOString(), ...(review.note ? { note: review.note } : {}) },
  };
  if (!(await deps.sightings.reviewMatch(reviewed))) throw new Conflict('Someone reviewed this match at the same moment');
  return reviewed;
}
