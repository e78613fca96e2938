// One run of a feed: a conditional GET, the lots read through the mapping, and a message on the lot queue for each lot
// never seen or changed since. A feed that cannot be read is recorded as failing, and nothing else happens: no lot
// is lost (the ones seen before keep their hashes) and nothing is alerted.
import { createHash } from 'node:crypto';
import type { FetchRequest, LotMessage } from '../../schemas/feeds.ts';
import type { Clock, Ids } from '../objects/model.ts';
import { mappingOf, readRecords } from './formats.ts';
import { maxFeedBytes } from './limits.ts';
import { contentHashOf, lotKeyOf, lotsOf } from './lots.ts';
import { FetchFailed, type FeedRepository, type Fetcher, type LotQueue, type RunRepository, type StoredFeed, type StoredRun } from './model.ts';

export type RunFeedDeps = {
  feeds: Pick<FeedRepository, 'get' | 'recordSuccess' | 'recordFailure'>;
  runs: Pick<RunRepository, 'start' | 'fetched' | 'failed' | 'lotHashes'>;
  fetcher: Pick<Fetcher, 'get'>;
  lots: LotQueue;
  clock: Clock;
  ids: Ids;
};

/** The conditional GET's validators hold for one URL read with one format and mapping. */
const readingOf = (feed: StoredFeed) => createHash('sha256').update(JSON.stringify([feed.url, feed.format, feed.mapping])).digest('hex');

/** Runs the feed once; undefined when there is nothing to run (a feed deleted, or paused and not started by hand). */
export async function runFeed(request: FetchRequest, deps: RunFeedDeps): Promise<StoredRun | undefined> {
  const found = await deps.feeds.get(request.feedId);
  if (!found || (request.trigger === 'schedule' && !found.feed.enabled)) return undefined;
  const { feed, state } = found;
  const startedAt = deps.clock.now();
  const run: StoredRun = {
    id: request.runId ?? deps.ids.next(),
    feedId: feed.id,
    trigger: request.trigger,
    startedAt: startedAt.toISOString(),
    notModified: false,
    lotsSeen: 0,
    lotsNew: 0,
    lotsUnchanged: 0,
    sightings: 0,
    processed: 0,
    errorCount: 0,
  };
  await deps.runs.start(run);

  const reading = readingOf(feed);
  const validators = state.validators?.for === reading ? state.validators : undefined;
  const mapping = mappingOf(feed.format, feed.mapping);
  let read: { records: unknown[]; base: string; etag?: string | undefined; lastModified?: string | undefined } | 'not-modified';
  try {
    const response = await deps.fetcher.get(feed.url, { maxBytes: maxFeedBytes, ...(validators ? { conditional: validators } : {}) });
    if (response.status === 304 && validators) read = 'not-modified';
    else if (response.status !== 200) throw new FetchFailed('http-status', `the feed answered HTTP ${response.status}`);
    else {
      const records = readRecords(feed.format, new TextDecoder().decode(response.body), mapping);
      read = { records, base: response.url, etag: response.etag, lastModified: response.lastModified };
    }
  } catch (error) {
    if (!(error instanceof FetchFailed)) throw error;
    const at = deps.clock.now().toISOString();
    const failure = { reason: error.reason, message: error.message };
    // The feed's health first: once the run shows as over, the feed already tells how it went.
    await deps.feeds.recordFailure(feed.id, { at, ...failure });
    await deps.runs.failed(run, failure, at);
    return { ...run, error: failure, finishedAt: at, errorCount: 1 };
  }

  const at = deps.clock.now().toISOString();
  if (read === 'not-modified') {
    await deps.feeds.recordSuccess(feed.id, at, validators);
    await deps.runs.fetched(run, { notModified: true, lotsSeen: 0, lotsNew: 0, lotsUnchanged: 0 }, [], at);
    return { ...run, notModified: true, finishedAt: at };
  }

  const { lots, invalid } = lotsOf(read.records, mapping, read.base);
  // A lot listed twice in one feed is one lot.
  const keyed = [...new Map(lots.map((lot) => [lotKeyOf(feed.id, lot.url), lot])).entries()].map(([key, lot]) => ({ key, lot, hash: contentHashOf(lot) }));
  const seen = await deps.runs.lotHashes(feed.id, keyed.map(({ key }) => key));
  const fresh = keyed.filter(({ key, hash }) => seen.get(key) !== hash);
  const counts = { notModified: false, lotsSeen: keyed.length + invalid.length, lotsNew: fresh.length, lotsUnchanged: keyed.length - fresh.length };
  await deps.feeds.recordSuccess(feed.id, at, { for: reading, ...(read.etag ? { etag: read.etag } : {}), ...(read.lastModified ? { lastModified: read.lastModified } : {}) });
  // The counts go in before the messages: the run is over when the lot function has dealt with lotsNew of them.
  await deps.runs.fetched(run, counts, invalid, fresh.length === 0 ? at : undefined);

  const seenOn = startedAt.toISOString().slice(0, 10);
  const messages = fresh.map(
    ({ key, hash, lot }): LotMessage => ({
      feed: { id: feed.id, name: feed.name, org: feed.org, role: feed.role, country: feed.country, ...(feed.lang ? { lang: feed.lang } : {}) },
      run: { id: run.id, startedAt: run.startedAt },
      key,
      hash,
      seenOn,
      lot,
    }),
  );
  await deps.lots.send(messages);
  return { ...run, ...counts, errorCount: invalid.length, ...(fresh.length === 0 ? { finishedAt: at } : {}) };
}
