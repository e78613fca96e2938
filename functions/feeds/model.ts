// What the registry keeps of a market feed, its runs and the lots it has seen, and the ports through which it keeps
// them, reads feeds and starts runs.
import type { FeedFormat, FeedMapping, FetchRequest, LotMessage, RunError, RunErrorReason } from '../../schemas/feeds.ts';
import type { Role } from '../../schemas/identity.ts';
import type { SightingStatus } from '../../schemas/matching.ts';
import type * as z from 'zod';

export type StoredFeed = {
  id: string;
  org: string;
  /** The role of whoever registered it: the sightings of its lots are reported with it. */
  role: Role;
  createdBy: string;
  name: string;
  url: string;
  format: FeedFormat;
  /** As given; the defaults of the format fill the rest when it is read. */
  mapping: FeedMapping;
  schedule: string;
  country: string;
  lang?: string;
  enabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** What runs learn about a feed, kept apart from the record so that an edit never overwrites it (nor it an edit). */
export type FeedState = {
  consecutiveFailures: number;
  lastSuccessAt?: string;
  lastError?: { at: string; reason: RunErrorReason; message: string };
  /** The validators of the last response, for the conditional GET; `for` says which URL, format and mapping. */
  validators?: { for: string; etag?: string; lastModified?: string };
};

export type FeedWithState = { feed: StoredFeed; state: FeedState };

export type StoredRun = {
  id: string;
  feedId: string;
  trigger: FetchRequest['trigger'];
  startedAt: string;
  finishedAt?: string;
  notModified: boolean;
  lotsSeen: number;
  lotsNew: number;
  lotsUnchanged: number;
  /** Sightings written, and new lots dealt with (a sighting, or an error that left nothing to report). */
  sightings: number;
  processed: number;
  errorCount: number;
  /** The feed could not be read at all. */
  error?: RunError;
  /** Set once every sighting of the run has been matched: how many matched then. */
  matched?: number;
};

export interface FeedRepository {
  create(feed: StoredFeed): Promise<void>;
  get(id: string): Promise<FeedWithState | undefined>;
  listByOrg(org: string): Promise<FeedWithState[]>;
  /** Saves an edit if the stored version is still `expectedVersion`; false if someone edited it first. */
  replace(feed: StoredFeed, expectedVersion: number): Promise<boolean>;
  /** The feed, the lots it has seen and its runs. */
  delete(id: string): Promise<void>;
  recordSuccess(id: string, at: string, validators: FeedState['validators']): Promise<void>;
  recordFailure(id: string, error: NonNullable<FeedState['lastError']>): Promise<void>;
}

export interface RunRepository {
  start(run: StoredRun): Promise<void>;
  /** What the fetch found: the counts, the lots it could not read, and whether the run is already over. */
  fetched(run: StoredRun, counts: Pick<StoredRun, 'notModified' | 'lotsSeen' | 'lotsNew' | 'lotsUnchanged'>, lotErrors: RunError[], finishedAt?: string): Promise<void>;
  failed(run: StoredRun, error: RunError, at: string): Promise<void>;
  /** The stored content hash of each lot key of the feed that has been seen before. */
  lotHashes(feedId: string, keys: string[]): Promise<Map<string, string>>;
  /**
   * Records a lot made into a sighting, with the run's counts, at once; false (and nothing written) if this lot was
   * already recorded with this content hash.
   */
  recordLot(lot: { feedId: string; run: RunRef; key: string; url: string; hash: string; sightingId: string; errors: RunError[] }): Promise<boolean>;
  /** A new lot that gave no sighting: its errors count against the run. */
  lotFailed(feedId: string, run: RunRef, errors: RunError[]): Promise<void>;
  /** Marks the run finished once every new lot has been dealt with. */
  finishIfDone(feedId: string, run: RunRef, at: string): Promise<void>;
  recent(feedId: string, limit: number): Promise<StoredRun[]>;
  sightingsOf(runId: string): Promise<string[]>;
  lotErrorsOf(runId: string, limit: number): Promise<RunError[]>;
  settle(feedId: string, run: RunRef, matched: number): Promise<void>;
}

export type RunRef = { id: string; startedAt: string };

export interface SightingStatuses {
  /** The status of each sighting found. */
  of(ids: string[]): Promise<Map<string, z.infer<typeof SightingStatus>>>;
}

export type Fetched = {
  status: number;
  /** Where the body came from, after redirects: relative links in it resolve against this. */
  url: string;
  etag?: string;
  lastModified?: string;
  body: Uint8Array;
};

/** A feed or image could not be read; the reason is what the run shows. */
export class FetchFailed extends Error {
  readonly reason: RunErrorReason;
  constructor(reason: RunErrorReason, message: string) {
    super(message);
    this.name = 'FetchFailed';
    this.reason = reason;
  }
}

/** GET over http(s) to public addresses only, with a timeout, a size limit and redirects checked hop by hop. */
export interface Fetcher {
  /** Resolves to any status, 304 included; throws FetchFailed for what is not an HTTP answer (or too large). */
  get(url: string, options: { maxBytes: number; conditional?: { etag?: string; lastModified?: string } }): Promise<Fetched>;
  /** Why the URL may not be read (its host, or an address its name resolves to), or undefined. */
  refusal(url: string): Promise<string | undefined>;
}

export interface FeedSchedules {
  /** Creates or updates the feed's schedule. */
  put(feed: Pick<StoredFeed, 'id' | 'schedule' | 'enabled'>): Promise<void>;
  /** Removes it; one already gone is not an error. */
  remove(feedId: string): Promise<void>;
}

export interface RunStarter {
  /** Starts a run in the background. */
  start(request: FetchRequest): Promise<void>;
}

export interface LotQueue {
  send(messages: LotMessage[]): Promise<void>;
}
