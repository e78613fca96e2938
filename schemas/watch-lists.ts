// The watch list an officer downloads to recognise sought objects without a network, and its incremental refresh.
import * as z from 'zod';
import { Incident, objectIdFields, ObjectStatus } from './object-id.ts';
import { CountryCode, Id, Timestamp, text } from './primitives.ts';

/** A comma-separated query parameter read as a list: blanks dropped, each value checked by `item`, duplicates kept once. */
const commaList = (item: z.ZodString, max: number) =>
  z
    .string()
    .max(2000)
    .transform((value) => [...new Set(value.split(',').map((part) => part.trim()).filter((part) => part !== ''))])
    .pipe(z.array(item).min(1, 'must name at least one').max(max, `must name at most ${max}`));

export const WatchListQuery = z.strictObject({
  countries: commaList(CountryCode, 30).meta({ description: 'Countries of the loss, comma-separated ISO 3166-1 codes, e.g. GR,IT', examples: ['GR,IT'] }),
  objectTypes: commaList(text(100), 30).optional().meta({ description: 'Object types, comma-separated, e.g. icon,coin; all types without it', examples: ['icon,coin'] }),
  since: Timestamp.optional().meta({ description: 'The asOf of your last download: only what changed since then, and the ids that left the list' }),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
});
export type WatchListQuery = z.infer<typeof WatchListQuery>;

const f = objectIdFields;

export const WatchListEntry = z
  .strictObject({
    id: Id,
    version: z.int().positive(),
    status: ObjectStatus,
    lang: f.lang,
    objectType: f.objectType,
    title: f.title,
    materials: f.materials,
    techniques: f.techniques,
    measurements: f.measurements,
    inscriptions: f.inscriptions,
    markings: f.markings,
    distinguishingFeatures: z.string().optional(),
    subject: f.subject,
    dateOrPeriod: f.dateOrPeriod,
    maker: f.maker,
    culture: f.culture,
    description: z.string(),
    truncated: z
      .array(z.enum(['description', 'distinguishingFeatures']))
      .optional()
      .meta({ description: 'Fields shortened for the device; read the object online for the whole text' }),
    incident: Incident.pick({ country: true, place: true, date: true }),
    notice: z.string().optional().meta({ description: 'While found-unresolved or disputed: what an officer must know' }),
    updatedAt: Timestamp,
    thumbnail: z
      .strictObject({ url: z.url().meta({ description: 'Presigned GET of a small JPEG of the first ready photo' }), expiresAt: Timestamp })
      .optional()
      .meta({ description: 'Absent while the object has no ready photo' }),
  })
  .meta({ id: 'WatchListEntry', description: 'What an officer needs to recognise a sought object offline; never its restricted fields' });
export type WatchListEntry = z.infer<typeof WatchListEntry>;

export const WatchListPage = z
  .strictObject({
    items: z.array(WatchListEntry).meta({ description: 'Objects on the list, added or changed (replace what you hold by id)' }),
    removed: z.array(Id).meta({ description: 'With since: ids that left the list since then (recovered, returned, narrowed, moved); drop them' }),
    asOf: Timestamp.meta({ description: 'Pass as ?since= on the next refresh (the same on every page of one download)' }),
    cursor: z.string().optional().meta({ description: 'Pass as ?cursor= (with the same query) for the next page; absent on the last page' }),
  })
  .meta({ id: 'WatchListPage' });
export type WatchListPage = z.infer<typeof WatchListPage>;
