// What the registry keeps of a sighting and of the matches found for it, and the port that keeps them.
import type * as z from 'zod';
import type { MatchView, ReportSighting, SightingAccepted, SightingChannel, SightingStatus } from '../../schemas/matching.ts';
import type { RedListHit } from '../../schemas/red-lists.ts';
import type { Caller } from '../../schemas/identity.ts';
import type { PhotoFingerprint } from '../matching/photo/fingerprint.ts';

export type StoredSighting = Omit<ReportSighting, 'channel'> & {
  channel: z.infer<typeof SightingChannel>;
  id: string;
  status: z.infer<typeof SightingStatus>;
  reportedBy: Caller;
  createdAt: string;
  updatedAt: string;
  /** Matching attempts that threw; at the stream's last attempt the sighting is marked failed. */
  attempts: number;
  failure?: string;
  matchIds: string[];
  /** The shortlist descriptors of its usable photos, so a newly registered object can be compared without reads. */
  photoGlobals?: number[][];
  /** The Red List categories its description fits, found when it was reported. */
  redLists?: RedListHit[];
};

export type StoredMatch = Omit<MatchView, 'review'> & {
  /** Kept for the review rules: who owns the object, and the country the sighting was in. */
  objectOrgId: string;
  sightingCountry: string;
  review?: { verdict: 'confirmed' | 'rejected'; by: { sub: string; org: string }; at: string; note?: string };
};

/** A client's Idempotency-Key, held for its organisation with the request it came with and the answer given. */
export interface ReportKey {
  org: string;
  key: string;
  /** Of the request body: the same key sent with another body is refused. */
  fingerprint: string;
  accepted: z.infer<typeof SightingAccepted>;
  /** Until when the key is held; a key past it is free again. */
  expiresAt: string;
}

export interface SightingRepository {
  /**
   * Writes the sighting; with a key, together with the key, unless the organisation holds the key already: then
   * nothing is written and the key as held comes back.
   */
  create(sighting: StoredSighting, key?: ReportKey): Promise<ReportKey | undefined>;
  get(id: string): Promise<StoredSighting | undefined>;
  /** Sightings reported since the given instant, newest first. */
  recent(since: string): AsyncIterable<StoredSighting>;
  /**
   * Records the outcome of matching: new matches (a pair already matched is left as it is, so a rejected pair
   * stays rejected) and the sighting's status, together. Returns the matches that were new.
   */
  recordMatches(sightingId: string, matches: StoredMatch[], at: string): Promise<StoredMatch[]>;
  recordFailure(sightingId: string, attempts: number, failure: string | undefined, at: string): Promise<void>;
  getMatch(id: string): Promise<StoredMatch | undefined>;
  getMatches(ids: string[]): Promise<StoredMatch[]>;
  /** The matches of one object, newest first, a page at a time (the cursor is the one the previous page returned). */
  matchesOf(objectId: string, page: { limit: number; cursor?: string }): Promise<{ items: StoredMatch[]; cursor?: string }>;
  /** Saves a review if the match is still unreviewed; false if someone reviewed it first. */
  reviewMatch(match: StoredMatch): Promise<boolean>;
  /** Keeps the photos' fingerprints (and their shortlist descriptors on the sighting itself). */
  saveFingerprints(sightingId: string, fingerprints: PhotoFingerprint[]): Promise<void>;
  fingerprints(sightingId: string): Promise<PhotoFingerprint[]>;
}
