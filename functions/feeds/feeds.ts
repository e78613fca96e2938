// Feeds through the API: a market partner (or an admin) registers the auction and marketplace feeds the registry
// reads on a schedule, edits, pauses and removes them, starts a run by hand and reads how the last runs went.
import type { CreateFeed, EditFeed, FeedHealth, FeedRunView, FeedView } from '../../schemas/feeds.ts';
import type { Caller } from '../../schemas/identity.ts';
import { Conflict, Invalid, NotFound } from '../http/errors.ts';
import { allowedOn } from '../http/permissions.ts';
import type { Clock, Ids } from '../objects/model.ts';
import { mappingOf } from './formats.ts';
import { errorsShown, failingAfterMs, maxFeedsPerOrg, runsShown } from './limits.ts';
import type { FeedRepository, FeedSchedules, FeedState, FeedWithState, Fetcher, RunRepository, RunStarter, SightingStatuses, StoredFeed, StoredRun } from './model.ts';

export type FeedDeps = {
  feeds: FeedRepository;
  runs: RunRepository;
  statuses: SightingStatuses;
  schedules: FeedSchedules;
  runner: RunStarter;
  fetcher: Pick<Fetcher, 'refusal'>;
  clock: Clock;
  ids: Ids;
};

async function assertReadable(url: string, deps: Pick<FeedDeps, 'fetcher'>): Promise<void> {
  const refusal = await deps.fetcher.refusal(url);
  if (refusal) throw new Invalid(`Feeds must be at a public address: ${url} ${refusal}`, [{ path: 'url', reason: refusal }]);
}

export async function createFeed(input: CreateFeed, caller: Caller, deps: FeedDeps): Promise<StoredFeed> {
  await assertReadable(input.url, deps);
  const existing = await deps.feeds.listByOrg(caller.org);
  if (existing.length >= maxFeedsPerOrg) throw new Conflict(`An organisation may have at most ${maxFeedsPerOrg} feeds; remove one you no longer need`);
  const now = deps.clock.now().toISOString();
  const feed: StoredFeed = {
    id: deps.ids.next(),
    org: caller.org,
    role: caller.role,
    createdBy: caller.sub,
    name: input.name,
    url: input.url,
    format: input.format,
    mapping: input.mapping ?? {},
    schedule: input.schedule,
    country: input.country,
    ...(input.lang ? { lang: input.lang } : {}),
    enabled: true,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  // The schedule first: a feed on record always has one, and one left over by a failed write runs a missing feed, which does nothing.
  await deps.schedules.put(feed);
  try {
    await deps.feeds.create(feed);
  } catch (error) {
    await deps.schedules.remove(feed.id);
    throw error;
  }
  return feed;
}

/** A feed the caller may manage; any other is reported as missing, not as forbidden. */
export async function manageableFeed(id: string, caller: Caller, deps: Pick<FeedDeps, 'feeds'>): Promise<FeedWithState> {
  const found = await deps.feeds.get(id);
  if (!found || !allowedOn(caller, 'feeds.manage', found.feed.org)) throw new NotFound(`No feed ${id}`);
  return found;
}

export const listFeeds = (caller: Caller, deps: Pick<FeedDeps, 'feeds'>): Promise<FeedWithState[]> => deps.feeds.listByOrg(caller.org);

export async function editFeed(id: string, patch: EditFeed, expectedVersion: number, caller: Caller, deps: FeedDeps): Promise<FeedWithState> {
  const { feed: current, state } = await manageableFeed(id, caller, deps);
  if (current.version !== expectedVersion) throw staleVersion();
  if (patch.url && patch.url !== current.url) await assertReadable(patch.url, deps);
  const { lang, ...rest } = patch;
  const { lang: _lang, ...withoutLang } = current;
  const edited: StoredFeed = {
    ...(lang === null ? withoutLang : current),
    ...rest,
    ...(lang ? { lang } : {}),
    version: current.version + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  if (!(await deps.feeds.replace(edited, expectedVersion))) throw staleVersion();
  if (edited.schedule !== current.schedule || edited.enabled !== current.enabled) {
    try {
      await deps.schedules.put(edited);
    } catch (error) {
      // The record must describe what the scheduler does: put the old schedule back before failing.
      await deps.feeds.replace({ ...current, version: edited.version + 1, updatedAt: edited.updatedAt }, edited.version);
      throw error;
    }
  }
  return { feed: edited, state };
}

export async function deleteFeed(id: string, caller: Caller, deps: FeedDeps): Promise<void> {
  await manageableFeed(id, caller, deps);
  // Stop the runs first: a failure here leaves the record, so deleting again finishes the job.
  await deps.schedules.remove(id);
  await deps.feeds.delete(id);
}

export async function startRun(id: string, caller: Caller, deps: FeedDeps): Promise<{ feedId: string; runId: string; status: 'started' }> {
  await manageableFeed(id, caller, deps);
  const runId = deps.ids.next();
  await deps.runner.start({ feedId: id, runId, trigger: 'manual' });
  return { feedId: id, runId, status: 'started' };
}

export function healthOf(feed: Pick<StoredFeed, 'createdAt'>, state: FeedState, now: Date): FeedHealth {
  const since = Date.parse(state.lastSuccessAt ?? feed.createdAt);
  const status = state.consecutiveFailures === 0 ? 'ok' : now.getTime() - since >= failingAfterMs ? 'failing' : 'erroring';
  return {
    status,
    consecutiveFailures: state.consecutiveFailures,
    ...(state.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
    ...(state.lastError ? { lastError: state.lastError } : {}),
  };
}

export function feedView({ feed, state }: FeedWithState, now: Date): FeedView {
  const { role: _role, createdBy: _createdBy, ...shown } = feed;
  return { ...shown, mapping: mappingOf(feed.format, feed.mapping), health: healthOf(feed, state, now) };
}

/**
 * A run as people read it. Matching happens after the run, on the table's stream: until each of its sightings has
 * settled, `matched` counts those settled so far and `pendingMatching` the rest; once none is pending, the count is
 * kept on the run and never read again.
 */
async function runView(run: StoredRun, deps: Pick<FeedDeps, 'runs' | 'statuses'>): Promise<FeedRunView> {
  let matched = run.matched ?? 0;
  let pendingMatching = 0;
  if (run.matched === undefined) {
    const ids = await deps.runs.sightingsOf(run.id);
    const statuses = await deps.statuses.of(ids);
    matched = ids.filter((id) => statuses.get(id) === 'matched').length;
    pendingMatching = ids.filter((id) => (statuses.get(id) ?? 'pending') === 'pending').length;
    if (run.finishedAt && pendingMatching === 0) await deps.runs.settle(run.feedId, run, matched);
  }
  const lotErrors = run.errorCount > (run.error ? 1 : 0) ? await deps.runs.lotErrorsOf(run.id, errorsShown) : [];
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.error ? 'failed' : run.finishedAt ? 'finished' : 'running',
    startedAt: run.startedAt,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    notModified: run.notModified,
    lotsSeen: run.lotsSeen,
    lotsNew: run.lotsNew,
    lotsUnchanged: run.lotsUnchanged,
    sightings: run.sightings,
    matched,
    pendingMatching,
    errorCount: run.errorCount,
    errors: [...(run.error ? [run.error] : []), ...lotErrors],
  };
}

export async function readFeed(id: string, caller: Caller, deps: FeedDeps): Promise<{ view: FeedView; version: number }> {
  const found = await manageableFeed(id, caller, deps);
  const runs = await deps.runs.recent(id, runsShown);
  const views = await Promise.all(runs.map((run) => runView(run, deps)));
  return { view: { ...feedView(found, deps.clock.now()), runs: views }, version: found.feed.version };
}

const staleVersion = () =>
  new Conflict('The feed changed since you read it; read it again and reapply your change', [{ path: 'If-Match', reason: 'is not the current version' }]);
