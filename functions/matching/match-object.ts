// Matches a newly registered (or newly photographed) object against the sightings of the last weeks: a theft
// reported today can be the object a customs officer saw last month.
import type { SightingRepository, StoredMatch, StoredSighting } from '../sightings/model.ts';
import type { StoredObject } from '../objects/model.ts';
import { isDeepStrictEqual } from 'node:util';
import { isSearchable } from '../../schemas/status-transitions.ts';
import { alertThreshold, calibrate, combine } from './combine.ts';
import { matchOf } from './match-sighting.ts';
import { type Candidate, textOf } from './model.ts';
import type { PhotoFingerprint } from './photo/fingerprint.ts';
import { createPhotoIndex, photoAlertThreshold } from './photo/photo-index.ts';
import { toIndexedObject } from './registry-index.ts';
import { createTextIndex, textAlertThreshold } from './text/text-index.ts';

export const lookBackDays = 45;

/**
 * Whether a change to an object calls for matching it against recent sightings again: it has just become searchable,
 * or what matching reads of it changed. A correction from stolen to looted, or a new contact, changes no match; a
 * backlog imported quietly would make every record re-read weeks of sightings.
 */
export function worthMatchingAgain(before: StoredObject | undefined, after: StoredObject): boolean {
  if (!isSearchable(after.status)) return false;
  if (!before) return !after.quietImport;
  if (!isSearchable(before.status)) return true;
  return !isDeepStrictEqual(toIndexedObject(before), toIndexedObject(after));
}

// keepLocalFeatures: false keeps only the shortlist descriptor; local features are read for the shortlist alone.
const noLocalFeatures = { width: 0, height: 0, points: '', descriptors: '' };

export async function matchObjectAgainstSightings(
  object: StoredObject,
  photo: PhotoFingerprint | undefined,
  deps: { sightings: SightingRepository; clock: { now(): Date } },
): Promise<StoredMatch[]> {
  if (!isSearchable(object.status)) return [];
  const now = deps.clock.now();
  const recent: StoredSighting[] = [];
  for await (const sighting of deps.sightings.recent(new Date(now.getTime() - lookBackDays * 86_400_000).toISOString())) recent.push(sighting);
  const byId = new Map(recent.map((sighting) => [sighting.id, sighting]));

  // Here the sightings are what is searched and the object is the query: candidates are sightings.
  const text = createTextIndex();
  text.upsert(toIndexedObject(object));
  const textEvidence: Candidate[] = recent.flatMap((sighting) => {
    const query = textOf(sighting);
    const [best] = query ? text.search(query, 1) : [];
    return best ? [{ objectId: sighting.id, score: calibrate(best.score, textAlertThreshold), reasons: best.reasons }] : [];
  });

  let photoEvidence: Candidate[] = [];
  if (photo) {
    const photos = createPhotoIndex({ keepLocalFeatures: false });
    for (const sighting of recent) {
      (sighting.photoGlobals ?? []).forEach((global, n) => photos.upsert(sighting.id, String(n), { version: 1, global, local: noLocalFeatures }));
    }
    const found = await photos.search(photo, 20, async (sightingId, n) => (await deps.sightings.fingerprints(sightingId))[Number(n)]);
    // A region is drawn on the field photo, and here the query is the registered one: its region would mislead.
    photoEvidence = found.map((candidate) => ({
      ...candidate,
      score: calibrate(candidate.score, photoAlertThreshold),
      reasons: candidate.reasons.map(({ region: _onRegisteredPhoto, ...reason }) => reason),
    }));
  }

  const at = now.toISOString();
  const recorded: StoredMatch[] = [];
  for (const evidence of combine([textEvidence, photoEvidence], recent.length)) {
    const sighting = byId.get(evidence.objectId);
    if (!sighting || evidence.score < alertThreshold) continue;
    recorded.push(...(await deps.sightings.recordMatches(sighting.id, [matchOf(sighting, object, evidence, at)], at)));
  }
  return recorded;
}
