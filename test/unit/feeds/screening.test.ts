// A run of a feed and the screening of its lots, with in-memory ports: what is queued, skipped, recorded and reported.
import { describe, expect, it } from 'vitest';
import { runFeed } from '../../../functions/feeds/run-feed.ts';
import { screenLot } from '../../../functions/feeds/screen-lot.ts';
import { FetchFailed, type FeedState, type Fetched, type RunRepository, type StoredFeed, type StoredRun } from '../../../functions/feeds/model.ts';
import { PhotoRejected } from '../../../functions/images/photo.ts';
import type { LotMessage, RunError } from '../../../schemas/feeds.ts';
import { memoryBlobs, memorySightings, sequentialIds, steppingClock } from '../../support/in-memory-ports.ts';

const feed: StoredFeed = {
  id: '6f1c1f5e-1a4c-4c1e-9a1e-000000000001',
  org: 'athens-auctions',
  role: 'market',
  createdBy: 'monitor-1',
  name: 'December sale',
  url: 'https://auctions.example.org/feed.rss',
  format: 'rss',
  mapping: {},
  schedule: 'rate(1 hour)',
  country: 'GR',
  enabled: true,
  version: 1,
  createdAt: '2025-03-01T00:00:00.000Z',
  updatedAt: '2025-03-01T00:00:00.000Z',
};
const runId = '6f1c1f5e-1a4c-4c1e-9a1e-0000000000aa';

const rss = (items: string) => `<rss version="2.0"><channel><title>Sale</title>${items}</channel></rss>`;
const item = (n: number, title = `Lot ${n}: Bronze figure`) => `<item><title>${title}</title><link>https://auctions.example.org/lots/${n}</link></item>`;

/** The run repository's promises, kept in memory. */
function memoryRuns() {
  const runs = new Map<string, StoredRun>();
  const lots = new Map<string, string>();
  const errors: RunError[] = [];
  const sightings: string[] = [];
  const repository: RunRepository = {
    async start(run) {
      runs.set(run.id, { ...run });
    },
    async fetched(run, counts, lotErrors, finishedAt) {
      const stored = runs.get(run.id)!;
      Object.assign(stored, counts, { errorCount: stored.errorCount + lotErrors.length }, finishedAt ? { finishedAt } : {});
      errors.push(...lotErrors);
    },
    async failed(run, error, at) {
      Object.assign(runs.get(run.id)!, { error, finishedAt: at, errorCount: 1 });
    },
    async lotHashes(feedId, keys) {
      return new Map(keys.flatMap((key) => (lots.has(`${feedId}/${key}`) ? [[key, lots.get(`${feedId}/${key}`)!]] : [])));
    },
    async recordLot(lot) {
      if (lots.get(`${lot.feedId}/${lot.key}`) === lot.hash) return false;
      lots.set(`${lot.feedId}/${lot.key}`, lot.hash);
      const stored = runs.get(lot.run.id)!;
      Object.assign(stored, { sightings: stored.sightings + 1, processed: stored.processed + 1, errorCount: stored.errorCount + lot.errors.length });
      errors.push(...lot.errors);
      sightings.push(lot.sightingId);
      return true;
    },
    async lotFailed(_feedId, run, lotErrors) {
      const stored = runs.get(run.id)!;
      Object.assign(stored, { processed: stored.processed + 1, errorCount: stored.errorCount + lotErrors.length });
      errors.push(...lotErrors);
    },
    async finishIfDone(_feedId, run, at) {
      const stored = runs.get(run.id)!;
      if (!stored.finishedAt && stored.processed >= stored.lotsNew) stored.finishedAt = at;
    },
    recent: async () => [...runs.values()],
    sightingsOf: async () => sightings,
    lotErrorsOf: async (_runId, limit) => errors.slice(0, limit),
    settle: async () => undefined,
  };
  return { repository, runs, errors, sightings };
}

function harness(answers: ((url: string) => Fetched | Error)[]) {
  const runs = memoryRuns();
  const state: FeedState = { consecutiveFailures: 0 };
  const queued: LotMessage[] = [];
  const requests: { url: string; conditional?: unknown }[] = [];
  let call = 0;
  const fetcher = {
    async get(url: string, options: { conditional?: unknown }) {
      requests.push({ url, conditional: options.conditional });
      const answer = answers[Math.min(call++, answers.length - 1)]!(url);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  const deps = {
    feeds: {
      get: async () => ({ feed, state: structuredClone(state) }),
      recordSuccess: async (_id: string, at: string, validators: FeedState['validators']) => {
        Object.assign(state, { consecutiveFailures: 0, lastSuccessAt: at, validators });
      },
      recordFailure: async (_id: string, error: NonNullable<FeedState['lastError']>) => {
        Object.assign(state, { consecutiveFailures: state.consecutiveFailures + 1, lastError: error });
      },
    },
    runs: runs.repository,
    fetcher,
    lots: { send: async (messages: LotMessage[]) => void queued.push(...messages) },
    clock: steppingClock(),
    ids: sequentialIds([runId, runId.replace('aa', 'ab'), runId.replace('aa', 'ac')]),
  };
  return { deps, runs, state, queued, requests };
}

const ok = (body: string, etag?: string) => (url: string): Fetched => ({ status: 200, url, body: new TextEncoder().encode(body), ...(etag ? { etag } : {}) });

describe('a run of a feed', () => {
  it('queues every lot the first time, nothing when the feed answers 304, and only new or changed lots afterwards', async () => {
    // Arrange
    const { deps, runs, queued, requests, state } = harness([
      ok(rss(item(1) + item(2) + item(3)), '"v1"'),
      (url) => ({ status: 304, url, body: new Uint8Array() }),
      ok(rss(item(1) + item(2, 'Lot 2: Bronze figure, now with its base') + item(3) + item(4)), '"v2"'),
    ]);
    const screenAll = async () => {
      for (const message of queued.splice(0)) await runs.repository.recordLot({ feedId: feed.id, run: message.run, key: message.key, url: message.lot.url, hash: message.hash, sightingId: message.key, errors: [] });
    };

    // Act
    const first = await runFeed({ feedId: feed.id, trigger: 'schedule' }, deps);
    const firstQueued = queued.length;
    await screenAll();
    const second = await runFeed({ feedId: feed.id, trigger: 'schedule' }, deps);
    const third = await runFeed({ feedId: feed.id, trigger: 'manual' }, deps);

    // Assert
    expect(first).toMatchObject({ lotsSeen: 3, lotsNew: 3, lotsUnchanged: 0 });
    expect(firstQueued).toBe(3);
    expect(requests[1]?.conditional).toEqual({ for: expect.any(String), etag: '"v1"' });
    expect(second).toMatchObject({ notModified: true, lotsNew: 0 });
    expect(second?.finishedAt).toBeDefined();
    expect(third).toMatchObject({ lotsSeen: 4, lotsNew: 2, lotsUnchanged: 2 });
    expect(queued.map((message) => message.lot.url)).toEqual(['https://auctions.example.org/lots/2', 'https://auctions.example.org/lots/4']);
    expect(queued[0]).toMatchObject({ feed: { id: feed.id, org: 'athens-auctions', role: 'market', country: 'GR' }, run: { id: third?.id } });
    expect(state).toMatchObject({ consecutiveFailures: 0, validators: { etag: '"v2"' } });
  });

  it('records a feed that cannot be read as a failed run and a failing feed, and queues nothing', async () => {
    // Arrange
    const { deps, queued, state } = harness([(url) => ({ status: 500, url, body: new Uint8Array() }), () => new FetchFailed('timeout', 'did not answer within 10 s'), ok('<rss><channel>')]);

    // Act
    const outcomes = [await runFeed({ feedId: feed.id, trigger: 'schedule' }, deps), await runFeed({ feedId: feed.id, trigger: 'schedule' }, deps), await runFeed({ feedId: feed.id, trigger: 'schedule' }, deps)];

    // Assert
    expect(outcomes.map((run) => run?.error?.reason)).toEqual(['http-status', 'timeout', 'malformed']);
    expect(outcomes[0]?.error?.message).toBe('the feed answered HTTP 500');
    expect(queued).toEqual([]);
    expect(state).toMatchObject({ consecutiveFailures: 3, lastError: { reason: 'malformed' } });
  });

  it('does nothing for a paused feed on its schedule, but runs it when started by hand', async () => {
    // Arrange
    const { deps } = harness([ok(rss(item(1)))]);
    const paused = { ...deps, feeds: { ...deps.feeds, get: async () => ({ feed: { ...feed, enabled: false }, state: { consecutiveFailures: 0 } }) } };

    // Act & Assert
    expect(await runFeed({ feedId: feed.id, trigger: 'schedule' }, paused)).toBeUndefined();
    expect(await runFeed({ feedId: feed.id, trigger: 'manual' }, paused)).toMatchObject({ lotsNew: 1 });
  });
});

describe('screening a lot', () => {
  const message: LotMessage = {
    feed: { id: feed.id, name: feed.name, org: feed.org, role: 'market', country: 'GR' },
    run: { id: runId, startedAt: '2025-03-14T09:00:00.000Z' },
    key: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    seenOn: '2025-03-14',
    lot: {
      url: 'https://auctions.example.org/lots/7',
      title: 'Lot 7: Icon of Saint Nicholas',
      images: ['https://img.example.org/7-a.jpg', 'https://img.example.org/7-gone.jpg', 'https://img.example.org/7-text.jpg'],
      saleDate: 'Sat, 05 Dec 2026 10:00:00 GMT',
      estimate: '2,000-3,000 EUR',
    },
  };

  function screening() {
    const runs = memoryRuns();
    void runs.repository.start({ id: runId, feedId: feed.id, trigger: 'manual', startedAt: message.run.startedAt, notModified: false, lotsSeen: 1, lotsNew: 1, lotsUnchanged: 0, sightings: 0, processed: 0, errorCount: 0 });
    const sightings = memorySightings();
    const blobs = memoryBlobs();
    const deps = {
      runs: runs.repository,
      sightings,
      blobs,
      fetcher: {
        async get(url: string): Promise<Fetched> {
          return { status: url.endsWith('gone.jpg') ? 404 : 200, url, body: new TextEncoder().encode(url) };
        },
      },
      photos: {
        async check(bytes: Uint8Array) {
          if (new TextDecoder().decode(bytes).endsWith('text.jpg')) throw new PhotoRejected('the file is not a JPEG, PNG or WebP image');
          return 'image/jpeg';
        },
      },
      clock: steppingClock(),
    };
    return { deps, runs, sightings, blobs };
  }

  it('reports an auction sighting with the usable images, the sale date and the lot page, and records the images that failed', async () => {
    // Arrange
    const { deps, runs, sightings, blobs } = screening();

    // Act
    const outcome = await screenLot(message, deps);

    // Assert
    expect(outcome).toBe('sighting');
    const [sightingId] = runs.sightings;
    const sighting = await sightings.get(sightingId!);
    expect(sighting).toMatchObject({
      channel: 'auction',
      text: 'Lot 7: Icon of Saint Nicholas',
      sourceUrl: 'https://auctions.example.org/lots/7',
      seenAt: { date: '2026-12-05', country: 'GR', place: 'December sale, estimate 2,000-3,000 EUR' },
      reportedBy: { sub: `feed:${feed.id}`, org: 'athens-auctions', role: 'market' },
      status: 'pending',
    });
    expect(sighting?.imageKeys).toHaveLength(1);
    expect([...blobs.blobs.keys()]).toEqual(sighting?.imageKeys);
    expect(runs.errors.map((error) => [error.reason, error.message])).toEqual([
      ['image-failed', 'image https://img.example.org/7-gone.jpg: answered HTTP 404'],
      ['image-failed', 'image https://img.example.org/7-text.jpg: the file is not a JPEG, PNG or WebP image'],
    ]);
    expect(runs.runs.get(runId)).toMatchObject({ sightings: 1, processed: 1, errorCount: 2, finishedAt: expect.any(String) });
  });

  it('makes one sighting of a lot delivered twice, and reports a lot left with nothing to match as unusable', async () => {
    // Arrange
    const { deps, runs } = screening();
    const imagesOnly: LotMessage = { ...message, key: 'c'.repeat(64), lot: { url: 'https://auctions.example.org/lots/8', images: ['https://img.example.org/8-gone.jpg'] } };

    // Act
    const outcomes = [await screenLot(message, deps), await screenLot(message, deps), await screenLot(imagesOnly, deps)];

    // Assert
    expect(outcomes).toEqual(['sighting', 'already-screened', 'unusable']);
    expect(runs.sightings).toHaveLength(1);
    expect(runs.errors.at(-1)).toMatchObject({ reason: 'lot-invalid', lot: 'https://auctions.example.org/lots/8' });
  });
});
