// A lot from a feed becomes a sighting: its images are downloaded and checked as a query photo is, stored where query
// photos go, and the sighting is reported through the same code as POST /v1/sightings (channel "auction"); matching
// and alerts then follow on the table's stream. Safe to repeat: the sighting and photo ids come from the lot key and
// hash, and the lot is recorded with its hash only once.
import { ReportSighting } from '../../schemas/matching.ts';
import type { LotMessage, RunError } from '../../schemas/feeds.ts';
import type { Caller } from '../../schemas/identity.ts';
import { validate } from '../http/parse.ts';
import { PhotoRejected } from '../images/photo.ts';
import { derivedId } from '../matching/match-id.ts';
import { queryPrefixOf } from '../matching/query-keys.ts';
import type { BlobStore, Clock } from '../objects/model.ts';
import { reportSighting } from '../sightings/report.ts';
import type { SightingRepository } from '../sightings/model.ts';
import { maxImageBytes } from './limits.ts';
import { dayOf } from './lots.ts';
import { FetchFailed, type Fetcher, type RunRepository } from './model.ts';

export type ScreenLotDeps = {
  runs: Pick<RunRepository, 'lotHashes' | 'recordLot' | 'lotFailed' | 'finishIfDone'>;
  sightings: SightingRepository;
  blobs: Pick<BlobStore, 'put' | 'size'>;
  fetcher: Pick<Fetcher, 'get'>;
  /** Checks the bytes as the image processor would and says their content type; throws PhotoRejected. */
  photos: { check(bytes: Uint8Array): Promise<string> };
  clock: Clock;
};

export type LotOutcome = 'sighting' | 'already-screened' | 'unusable';

async function downloadImages(message: LotMessage, caller: Caller, sightingId: string, deps: ScreenLotDeps) {
  const imageKeys: string[] = [];
  const errors: RunError[] = [];
  for (const [n, url] of message.lot.images.entries()) {
    try {
      const response = await deps.fetcher.get(url, { maxBytes: maxImageBytes });
      if (response.status !== 200) throw new FetchFailed('http-status', `answered HTTP ${response.status}`);
      const contentType = await deps.photos.check(response.body);
      const key = `${queryPrefixOf(caller)}${derivedId(`${sightingId}/${n}`)}`;
      await deps.blobs.put(key, response.body, contentType);
      imageKeys.push(key);
    } catch (error) {
      // A missing or unusable image leaves the text and the other images to match on.
      if (!(error instanceof FetchFailed || error instanceof PhotoRejected)) throw error;
      errors.push({ reason: 'image-failed', message: `image ${url}: ${error.message}`, lot: message.lot.url });
    }
  }
  return { imageKeys, errors };
}

/** What the sighting says: the lot's text, its images, the sale (date, feed, estimate) and its page. */
export function reportOf(message: LotMessage, imageKeys: string[]): unknown {
  const { lot, feed } = message;
  const text = [lot.title, lot.description].filter(Boolean).join('\n').slice(0, 5000);
  const place = `${feed.name}${lot.estimate ? `, estimate ${lot.estimate}` : ''}`.slice(0, 300);
  return {
    channel: 'auction',
    ...(text ? { text } : {}),
    ...(feed.lang ? { lang: feed.lang } : {}),
    ...(imageKeys.length > 0 ? { imageKeys } : {}),
    seenAt: { date: dayOf(lot.saleDate) ?? message.seenOn, country: feed.country, place },
    sourceUrl: lot.url,
  };
}

export async function screenLot(message: LotMessage, deps: ScreenLotDeps): Promise<LotOutcome> {
  const { feed, run, key, hash } = message;
  const stored = await deps.runs.lotHashes(feed.id, [key]);
  if (stored.get(key) === hash) return 'already-screened';

  const caller: Caller = { sub: `feed:${feed.id}`, org: feed.org, role: feed.role };
  const sightingId = derivedId(`${key}/${hash}`);
  const { imageKeys, errors } = await downloadImages(message, caller, sightingId, deps);
  const report = validate(ReportSighting, reportOf(message, imageKeys));
  if ('fields' in report) {
    const reasons = report.fields.map((field) => `${field.path || 'lot'} ${field.reason}`).join('; ');
    await deps.runs.lotFailed(feed.id, run, [...errors, { reason: 'lot-invalid', message: `cannot be reported: ${reasons}`, lot: message.lot.url }]);
    await deps.runs.finishIfDone(feed.id, run, deps.clock.now().toISOString());
    return 'unusable';
  }

  // A retry after the sighting was written but before the lot was recorded finds it and goes on to record the lot.
  if (!(await deps.sightings.get(sightingId))) {
    await reportSighting(report.data, caller, { ...deps, ids: { next: () => sightingId } });
  }
  const recorded = await deps.runs.recordLot({ feedId: feed.id, run, key, url: message.lot.url, hash, sightingId, errors });
  if (recorded) await deps.runs.finishIfDone(feed.id, run, deps.clock.now().toISOString());
  return recorded ? 'sighting' : 'already-screened';
}
