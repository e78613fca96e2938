// Market screening: the auction and marketplace feeds the registry reads on a schedule, their runs, and the lots they
// carry on their way to becoming sightings.
import * as z from 'zod';
import { Role } from './identity.ts';
import { CountryCode, Id, LanguageTag, Timestamp, text } from './primitives.ts';

export const FeedFormat = z.enum(['rss', 'atom', 'json', 'csv']).meta({ id: 'FeedFormat' });
export type FeedFormat = z.infer<typeof FeedFormat>;

const fieldPath = text(200).meta({ description: 'A field of the lot: a column (CSV), a key, or a dotted path such as "media:content.@_url" (XML attributes start with @_)' });

export const FeedMapping = z
  .strictObject({
    items: z.string().max(200).optional().meta({ description: 'JSON: the dotted path of the list of lots ("" for a top-level list)' }),
    title: fieldPath.optional(),
    description: fieldPath.optional(),
    url: fieldPath.optional().meta({ description: "The lot's own page: with the feed, the lot's key" }),
    images: z.array(fieldPath).min(1).max(5).optional().meta({ description: 'Fields holding image URLs; a CSV cell may list several, separated by spaces, | or ;' }),
    saleDate: fieldPath.optional(),
    estimate: fieldPath.optional(),
  })
  .meta({ id: 'FeedMapping', description: 'Which field of a lot is what; each field left out keeps the default of the format' });
export type FeedMapping = z.infer<typeof FeedMapping>;
export type FullMapping = Required<FeedMapping>;

/** The shortest period between two runs: a feed is read at most every five minutes. */
export const minScheduleMinutes = 5;
const unitMinutes = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 } as const;

/** Minutes between runs of an EventBridge Scheduler rate expression, or undefined if it is not one. */
export function rateMinutes(expression: string): number | undefined {
  const found = /^rate\((\d{1,5}) (minutes?|hours?|days?)\)$/.exec(expression);
  if (!found) return undefined;
  const count = Number(found[1]);
  const unit = found[2] as keyof typeof unitMinutes;
  // EventBridge wants the singular for 1 and the plural otherwise.
  if ((count === 1) !== !unit.endsWith('s')) return undefined;
  return count * unitMinutes[unit];
}

export const FeedSchedule = z
  .string()
  .refine((value) => rateMinutes(value) !== undefined, 'must be a rate such as "rate(15 minutes)", "rate(1 hour)" or "rate(2 days)"')
  .refine((value) => (rateMinutes(value) ?? 0) >= minScheduleMinutes, `must not run more often than every ${minScheduleMinutes} minutes`)
  .meta({ description: 'How often the feed is read, as an EventBridge Scheduler rate expression', examples: ['rate(15 minutes)'] });

const FeedUrl = z.url({ protocol: /^https?$/ }).max(2000).meta({ description: 'The feed: http or https, at a public address' });

export const CreateFeed = z
  .strictObject({
    name: text(200),
    url: FeedUrl,
    format: FeedFormat,
    mapping: FeedMapping.optional(),
    schedule: FeedSchedule.default('rate(1 hour)'),
    country: CountryCode.meta({ description: 'Where the sale takes place: the country of the sightings its lots become' }),
    lang: LanguageTag.optional().meta({ description: 'The language the lots are written in, when the feed does not say' }),
  })
  .meta({ id: 'CreateFeed' });
export type CreateFeed = z.infer<typeof CreateFeed>;

export const EditFeed = z
  .strictObject({
    name: text(200).optional(),
    url: FeedUrl.optional(),
    format: FeedFormat.optional(),
    mapping: FeedMapping.optional(),
    schedule: FeedSchedule.optional(),
    country: CountryCode.optional(),
    lang: LanguageTag.nullable().optional(),
    enabled: z.boolean().optional().meta({ description: 'false pauses the schedule; runs can still be started by hand' }),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'must change at least one field')
  .meta({ id: 'EditFeed', description: 'Each field sent replaces the stored one; lang: null removes it' });
export type EditFeed = z.infer<typeof EditFeed>;

export const RunErrorReason = z
  .enum(['timeout', 'http-status', 'too-large', 'refused-address', 'network', 'too-many-redirects', 'malformed', 'lot-invalid', 'image-failed'])
  .meta({ id: 'RunErrorReason' });
export type RunErrorReason = z.infer<typeof RunErrorReason>;

export const RunError = z
  .strictObject({
    reason: RunErrorReason,
    message: z.string(),
    lot: z.string().optional().meta({ description: "The lot's URL (or its row or position when it has none)" }),
  })
  .meta({ id: 'RunError' });
export type RunError = z.infer<typeof RunError>;

export const FeedRunView = z
  .strictObject({
    id: Id,
    trigger: z.enum(['schedule', 'manual']),
    status: z.enum(['running', 'finished', 'failed']).meta({ description: 'failed: the feed itself could not be read' }),
    startedAt: Timestamp,
    finishedAt: Timestamp.optional().meta({ description: 'When the last of its new lots was written (or the fetch failed)' }),
    notModified: z.boolean().meta({ description: 'The feed answered 304 to the conditional request: nothing to read' }),
    lotsSeen: z.int().min(0),
    lotsNew: z.int().min(0).meta({ description: 'Lots never seen, or whose text or images changed: each becomes a sighting' }),
    lotsUnchanged: z.int().min(0),
    sightings: z.int().min(0).meta({ description: 'Sightings written so far' }),
    matched: z.int().min(0).meta({ description: "Of this run's sightings, those matching a registered object (counted as matching settles)" }),
    pendingMatching: z.int().min(0).meta({ description: "Of this run's sightings, those still being matched" }),
    errorCount: z.int().min(0),
    errors: z.array(RunError).meta({ description: 'The first errors of the run' }),
  })
  .meta({ id: 'FeedRun' });
export type FeedRunView = z.infer<typeof FeedRunView>;

export const FeedHealth = z
  .strictObject({
    status: z.enum(['ok', 'erroring', 'failing']).meta({
      description: 'erroring: the last runs could not read the feed; failing: it has not been read for a day or more',
    }),
    consecutiveFailures: z.int().min(0),
    lastSuccessAt: Timestamp.optional(),
    lastError: z.strictObject({ at: Timestamp, reason: RunErrorReason, message: z.string() }).optional(),
  })
  .meta({ id: 'FeedHealth' });
export type FeedHealth = z.infer<typeof FeedHealth>;

export const FeedView = z
  .strictObject({
    id: Id,
    org: z.string(),
    name: z.string(),
    url: z.string(),
    format: FeedFormat,
    mapping: FeedMapping.meta({ description: 'The mapping in use: the defaults of the format with what was given' }),
    schedule: z.string(),
    country: CountryCode,
    lang: z.string().optional(),
    enabled: z.boolean(),
    version: z.int().positive(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    health: FeedHealth,
    runs: z.array(FeedRunView).optional().meta({ description: 'GET /v1/feeds/{id} only: the last runs, newest first' }),
  })
  .meta({ id: 'Feed' });
export type FeedView = z.infer<typeof FeedView>;

export const FeedList = z.strictObject({ items: z.array(FeedView) }).meta({ id: 'FeedList' });
export const FeedIdParam = z.strictObject({ id: Id });

export const RunStarted = z
  .strictObject({ feedId: Id, runId: Id, status: z.literal('started') })
  .meta({ id: 'RunStarted', description: 'The run goes on in the background: GET /v1/feeds/{id} shows it' });

/** What a schedule (or POST /v1/feeds/{id}/runs) hands the fetch function. */
export const FetchRequest = z.strictObject({
  feedId: Id,
  runId: Id.optional(),
  trigger: z.enum(['schedule', 'manual']).default('schedule'),
});
export type FetchRequest = z.infer<typeof FetchRequest>;

/** One lot as read from a feed, in the registry's terms. */
export const Lot = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  title: z.string().optional(),
  description: z.string().optional(),
  images: z.array(z.url({ protocol: /^https?$/ })),
  saleDate: z.string().optional(),
  estimate: z.string().optional(),
});
export type Lot = z.infer<typeof Lot>;

/** The message the fetch function puts on the lot queue for each new or changed lot. */
export const LotMessage = z.strictObject({
  feed: z.strictObject({
    id: Id,
    name: z.string(),
    org: z.string(),
    role: Role,
    country: CountryCode,
    lang: z.string().optional(),
  }),
  run: z.strictObject({ id: Id, startedAt: Timestamp }),
  key: z.string().meta({ description: 'The lot key: derived from the feed and the lot URL' }),
  hash: z.string().meta({ description: "The content hash: the lot's text and image URLs" }),
  seenOn: z.iso.date().meta({ description: 'The day the run read it: the sighting date when the lot has no sale date' }),
  lot: Lot,
});
export type LotMessage = z.infer<typeof LotMessage>;
