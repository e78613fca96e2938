// A search that finds a record its caller may not read is kept as a sighting with those matches, so that the
// owning organisation and the police hear of it (the matches raise alerts like any other) and can follow it up.
import type { Caller } from '../../schemas/identity.ts';
import type { SearchRequest } from '../../schemas/matching.ts';
import { derivedId } from '../matching/match-id.ts';
import { matchOf } from '../matching/match-sighting.ts';
import type { Candidate } from '../matching/model.ts';
import type { Clock, StoredObject } from '../objects/model.ts';
import type { OrgRepository } from '../orgs/model.ts';
import type { SightingRepository, StoredSighting } from '../sightings/model.ts';

export interface HiddenMatchDeps {
  sightings: Pick<SightingRepository, 'create' | 'get' | 'recordMatches'>;
  orgs: Pick<OrgRepository, 'get'>;
  clock: Clock;
}

export interface HiddenMatch {
  object: StoredObject;
  candidate: Candidate;
}

/** Records the search once a day per organisation and query, and returns the sighting's id for the caller to quote. */
export async function recordHiddenMatches(request: SearchRequest, caller: Caller, hidden: HiddenMatch[], deps: HiddenMatchDeps): Promise<string> {
  const at = deps.clock.now().toISOString();
  const day = at.slice(0, 10);
  const { limit: _limit, image: _image, ...query } = request;
  // Repeating a search must not alert the owner again and again.
  const id = derivedId(`search/${caller.org}/${day}/${JSON.stringify(query)}`);
  const country = request.structured?.country ?? (await deps.orgs.get(caller.org))?.country;
  if (!country) throw new Error(`organisation ${caller.org} has no country to record its search under`);
  const sighting: StoredSighting = {
    channel: 'search',
    ...(request.text ? { text: request.text } : {}),
    ...(request.lang ? { lang: request.lang } : {}),
    ...(request.structured ? { structured: request.structured } : {}),
    ...(request.imageKey ? { imageKeys: [request.imageKey] } : {}),
    seenAt: { date: day, country },
    id,
    status: 'pending',
    reportedBy: caller,
    createdAt: at,
    updatedAt: at,
    attempts: 0,
    matchIds: [],
    redLists: [],
  };
  try {
    await deps.sightings.create(sighting);
  } catch (error) {
    if (!(await deps.sightings.get(id))) throw error;
  }
  await deps.sightings.recordMatches(id, hidden.map(({ object, candidate }) => matchOf(sighting, object, candidate, at)), at);
  return id;
}
