// Matches a new sighting against the whole registry and records every match at or above the alert threshold.
import { Invalid } from '../http/errors.ts';
import type { ObjectRepository, StoredObject } from '../objects/model.ts';
import type { SightingRepository, StoredMatch, StoredSighting } from '../sightings/model.ts';
import { alertThreshold, confidenceOf, rounded } from './combine.ts';
import { matchIdOf } from './match-id.ts';
import type { Candidate, TextQuery } from './model.ts';
import type { PhotoFingerprint } from './photo/fingerprint.ts';
import { fingerprintUploadedPhoto, type QueryPhotoDeps } from './query-photo.ts';
import type { RegistryIndex } from './registry-index.ts';
import { detectLanguage } from './text/language.ts';

export interface MatchDeps extends QueryPhotoDeps {
  sightings: SightingRepository;
  objects: Pick<ObjectRepository, 'get'>;
  clock: { now(): Date };
}

const candidatesPerSighting = 10;

/** The text part of a sighting or a search, in the language it is written in whatever tag it came with (or none). */
export function textOf(sighting: Pick<StoredSighting, 'text' | 'lang' | 'structured'>): TextQuery | undefined {
  if (!sighting.text && !sighting.structured) return undefined;
  const { structured } = sighting;
  const words = [sighting.text, structured?.objectType, ...(structured?.materials ?? [])].filter((part) => part !== undefined).join(' ');
  return { text: sighting.text, lang: detectLanguage(words, sighting.lang), structured };
}

export function matchOf(sighting: StoredSighting, object: StoredObject, candidate: Candidate, at: string): StoredMatch {
  return {
    id: matchIdOf(sighting.id, object.id),
    sightingId: sighting.id,
    objectId: object.id,
    score: rounded(candidate.score),
    confidence: confidenceOf(candidate.score),
    reasons: candidate.reasons,
    status: 'open',
    createdAt: at,
    objectOrgId: object.orgId,
    sightingCountry: sighting.seenAt.country,
  };
}

async function fingerprintsOf(sighting: StoredSighting, deps: MatchDeps): Promise<PhotoFingerprint[]> {
  const fingerprints: PhotoFingerprint[] = [];
  for (const [n, key] of (sighting.imageKeys ?? []).entries()) {
    try {
      const field = `imageKeys.${n}`;
      fingerprints.push(await fingerprintUploadedPhoto(key, field, deps));
    } catch (error) {
      // A photo that is not usable leaves the text and the other photos to match on.
      if (!(error instanceof Invalid)) throw error;
    }
  }
  return fingerprints;
}

export async function matchSighting(sighting: StoredSighting, index: RegistryIndex, deps: MatchDeps): Promise<StoredMatch[]> {
  const photos = await fingerprintsOf(sighting, deps);
  if (photos.length > 0) await deps.sightings.saveFingerprints(sighting.id, photos);
  const text = textOf(sighting);
  const candidates = await index.search({ ...(text ? { text } : {}), photos }, candidatesPerSighting);
  const at = deps.clock.now().toISOString();
  const matches: StoredMatch[] = [];
  for (const candidate of candidates.filter((c) => c.score >= alertThreshold)) {
    const found = await deps.objects.get(candidate.objectId);
    if (found) matches.push(matchOf(sighting, found.object, candidate, at));
  }
  return deps.sightings.recordMatches(sighting.id, matches, at);
}

/**
 * Matches a sighting for the stream, which retries a failed record by itself: each failure is counted on the
 * sighting, and the last attempt leaves it `failed` with the reason instead of `pending` for ever.
 */
export async function matchSightingCountingFailures(sighting: StoredSighting, index: () => Promise<RegistryIndex>, deps: MatchDeps, maxAttempts: number) {
  try {
    return await matchSighting(sighting, await index(), deps);
  } catch (error) {
    const current = await deps.sightings.get(sighting.id);
    const attempts = (current?.attempts ?? 0) + 1;
    const failure = attempts >= maxAttempts ? `matching failed ${attempts} times: ${(error as Error).message}` : undefined;
    await deps.sightings.recordFailure(sighting.id, attempts, failure, deps.clock.now().toISOString());
    throw error;
  }
}
