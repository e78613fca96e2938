// Searches, sightings and matches: what a field report or a due-diligence query carries, and what comes back.
import * as z from 'zod';
import { Measurements } from './object-id.ts';
import { ObjectSummary } from './object.ts';
import { CountryCode, Id, LanguageTag, PartialDate, Timestamp, text } from './primitives.ts';
import { RedListHit } from './red-lists.ts';

const RedListHits = z
  .array(RedListHit)
  .meta({ description: 'The ICOM Red List categories the object described fits (GET /v1/red-lists), registered or not: check its provenance' });

/** A query photo as base64 may be at most this large once decoded. */
export const maxInlinePhotoBytes = 4 * 1024 * 1024;

export const QueryImageKey = z
  .string()
  .regex(/^queries\/[A-Za-z0-9._-]{1,100}\/[0-9a-f-]{36}$/, 'must be an imageKey returned by POST /v1/uploads')
  .meta({ description: 'Key of a query photo uploaded through POST /v1/uploads' });

export const StructuredQuery = z
  .strictObject({
    objectType: text(100).optional(),
    materials: z.array(text(100)).max(30).optional(),
    measurements: Measurements.optional(),
    inscriptions: z.array(text(1000)).max(20).optional().meta({ description: 'Inscriptions as read, even partially' }),
    markings: z.array(text(500)).max(20).optional().meta({ description: 'Inventory numbers, labels, seals, even partial' }),
    country: CountryCode.optional().meta({ description: 'Where the object was seen' }),
  })
  .meta({ id: 'StructuredQuery' });

const hasSomethingToSearch = (query: { text?: string | undefined; structured?: object | undefined; imageKey?: string | undefined; image?: string | undefined }) =>
  Boolean(query.text || query.imageKey || query.image || (query.structured && Object.keys(query.structured).length > 0));

export const SearchRequest = z
  .strictObject({
    text: text(5000).optional().meta({ description: 'Free text in any language: a description, a catalogue entry, a note' }),
    lang: LanguageTag.optional(),
    structured: StructuredQuery.optional(),
    imageKey: QueryImageKey.optional(),
    image: z
      .base64()
      .max(Math.ceil((maxInlinePhotoBytes * 4) / 3) + 4, 'is larger than 4 MB once decoded')
      .optional()
      .meta({ description: 'A photo as base64 (JPEG, PNG or WebP), at most 4 MB' }),
    limit: z.int().min(1).max(50).default(10),
  })
  .refine((query) => !(query.image && query.imageKey), { message: 'give either image or imageKey, not both', path: ['image'] })
  .refine(hasSomethingToSearch, { message: 'give text, structured fields, image or imageKey to search by', path: [] })
  .meta({ id: 'SearchRequest' });
export type SearchRequest = z.infer<typeof SearchRequest>;

const share = z.number().min(0).max(1);

export const PhotoRegion = z
  .strictObject({ x: share, y: share, width: share, height: share })
  .meta({
    id: 'PhotoRegion',
    description: 'A box on a field photo (the one searched with, or a sighting\'s), in shares (0..1) of its width and height from its top-left corner',
    examples: [{ x: 0.42, y: 0.18, width: 0.35, height: 0.5 }],
  });

export const Reason = z
  .strictObject({
    field: z.string(),
    detail: z.string().meta({ examples: ["inscription 'ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ' matches 'Agios Nikolaos' (transliterated)"] }),
    contribution: z.number().meta({ description: 'Signed share of the score; negative for contradicting evidence' }),
    region: PhotoRegion.optional().meta({
      description:
        'Photo evidence only, optional: where the object was found on the field photo, around the keypoints verified; absent when too few were, and on matches found when the object was registered after the sighting',
    }),
    limited: z.literal(true).optional().meta({
      description: 'Photo evidence only, optional: the field photo is small, so the evidence is thin; where it is the strongest reason, the confidence is one step lower',
    }),
  })
  .meta({ id: 'Reason' });

export const Confidence = z.enum(['high', 'medium', 'low']);

export const SearchCandidate = z
  .strictObject({
    objectId: Id,
    score: z.number().min(0).max(1),
    confidence: Confidence,
    reasons: z.array(Reason),
    object: ObjectSummary.optional().meta({ description: 'The object as the caller may see it' }),
  })
  .meta({ id: 'SearchCandidate' });

export const contactPolice = 'A registered object may match: contact the police';

export const RestrictedCandidate = z
  .strictObject({
    restricted: z.literal(true),
    notice: z.string().meta({ examples: [contactPolice] }),
    reference: Id.optional().meta({ description: 'Searches only: quote it to the police; it is the sighting the registry kept of this search' }),
  })
  .meta({
    id: 'RestrictedCandidate',
    description: 'A record you may not read matches, at or above the alert threshold: it stays hidden, its owner and the police are told',
  });

export const SearchResult = z
  .strictObject({
    candidates: z.array(z.union([SearchCandidate, RestrictedCandidate])),
    redLists: RedListHits,
    alertThreshold: z.number().meta({ description: 'Scores at or above this raise an alert when a sighting matches' }),
    searchId: Id.meta({ description: 'This search, kept 180 days: POST /v1/certificates with it for a signed due-diligence certificate' }),
  })
  .meta({ id: 'SearchResult' });

export const Channel = z.enum(['customs', 'police', 'auction', 'online-marketplace', 'public']);
export const SightingChannel = z
  .enum([...Channel.options, 'search'])
  .meta({ description: 'Where the object was seen; search: a search that matched a record its caller may not read, kept by the registry' });

export const ReportSighting = z
  .strictObject({
    channel: Channel,
    text: text(5000).optional(),
    lang: LanguageTag.optional(),
    structured: StructuredQuery.optional(),
    imageKeys: z.array(QueryImageKey).max(10).optional(),
    seenAt: z.strictObject({ date: PartialDate, country: CountryCode, place: text(300).optional() }),
    sourceUrl: z.url({ protocol: /^https?$/ }).max(2000).optional().meta({ description: 'The listing or catalogue page' }),
  })
  .refine((report) => Boolean(report.text || report.imageKeys?.length || (report.structured && Object.keys(report.structured).length > 0)), {
    message: 'give text, structured fields or imageKeys: a sighting needs something to match',
    path: [],
  })
  .meta({ id: 'ReportSighting' });
export type ReportSighting = z.infer<typeof ReportSighting>;

export const SightingStatus = z.enum(['pending', 'matched', 'no-match', 'failed']);
export const MatchStatus = z.enum(['open', 'confirmed', 'rejected']);

export const MatchView = z
  .strictObject({
    id: Id,
    sightingId: Id,
    objectId: Id,
    score: z.number(),
    confidence: Confidence,
    reasons: z.array(Reason),
    status: MatchStatus,
    createdAt: Timestamp,
    review: z
      .strictObject({ verdict: z.enum(['confirmed', 'rejected']), by: z.strictObject({ sub: z.string().optional(), org: z.string() }), at: Timestamp, note: z.string().optional() })
      .optional(),
  })
  .meta({ id: 'Match' });
export type MatchView = z.infer<typeof MatchView>;

export const ObjectMatch = MatchView.extend({
  sighting: z
    .strictObject({
      channel: SightingChannel,
      seenAt: ReportSighting.shape.seenAt,
      sourceUrl: z.string().optional().meta({ description: 'The listing or catalogue page: for a lot read from a market feed, its page, with the sale date in seenAt' }),
    })
    .optional()
    .meta({ description: 'Where and when the object was seen, and its listing page (what alerts tell); absent once the sighting is no longer kept' }),
}).meta({ id: 'ObjectMatch', description: 'A match of one object, with where and when the object was seen' });
export type ObjectMatch = z.infer<typeof ObjectMatch>;

export const ObjectMatchPage = z
  .strictObject({
    items: z.array(ObjectMatch),
    cursor: z.string().optional().meta({ description: 'Pass as ?cursor= for the next page; absent on the last page' }),
  })
  .meta({ id: 'ObjectMatchPage' });

export const ObjectMatchesQuery = z.strictObject({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ObjectMatchesQuery = z.infer<typeof ObjectMatchesQuery>;

export const SightingView = z
  .strictObject({
    id: Id,
    status: SightingStatus,
    channel: SightingChannel,
    text: z.string().optional(),
    lang: z.string().optional(),
    structured: StructuredQuery.optional(),
    imageKeys: z.array(z.string()).optional(),
    seenAt: ReportSighting.shape.seenAt,
    sourceUrl: z.string().optional(),
    reportedBy: z.strictObject({ org: z.string() }),
    createdAt: Timestamp,
    failure: z.string().optional().meta({ description: 'Why matching failed, when status is failed' }),
    matches: z.array(z.union([MatchView, RestrictedCandidate])),
    redLists: RedListHits,
  })
  .meta({ id: 'Sighting' });

export const SightingAccepted = z.strictObject({ id: Id, status: SightingStatus, redLists: RedListHits }).meta({ id: 'SightingAccepted' });

export const ReviewMatch = z
  .strictObject({ verdict: z.enum(['confirmed', 'rejected']), note: text(2000).optional() })
  .meta({ id: 'ReviewMatch' });
export type ReviewMatch = z.infer<typeof ReviewMatch>;

export const QueryUpload = z
  .strictObject({
    imageKey: QueryImageKey,
    url: z.url(),
    fields: z.record(z.string(), z.string()),
    maxBytes: z.int(),
    expiresAt: Timestamp,
  })
  .meta({ id: 'QueryUpload', description: 'A presigned S3 POST for a query photo; pass imageKey to /v1/search or /v1/sightings' });

export const MatchIdParam = z.strictObject({ id: Id });
