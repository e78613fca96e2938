// The one wiring declaration: functions, HTTP routes and event sources. The CDK stack deploys it and the
// local runtime serves it; adding an endpoint is one line here plus its handler.
import type * as z from 'zod';
import { ChangeStatus, EditObject, RegisterObject } from '../schemas/object-id.ts';
import { MatchIdParam, MatchView, ObjectMatchesQuery, ObjectMatchPage, QueryUpload, ReportSighting, SearchRequest, SearchResult, SightingAccepted, SightingView, ReviewMatch } from '../schemas/matching.ts';
import { AlertFeed, AlertFeedQuery, CreateSubscription, DeadLetterList, EditSubscription, Redrive, RedriveResult, SubscriptionCreated, SubscriptionIdParam, SubscriptionList, SubscriptionView } from '../schemas/alerts.ts';
import type { Action } from './permissions.ts';
import { AuditPage, AuditQuery } from '../schemas/audit.ts';
import { ChangeOrgStatus, CreateOrg, InviteMember, MemberList, MemberView, OrgIdParam, OrgList, OrgView } from '../schemas/orgs.ts';
import { alertQueues, bucket, env, feedSchedules, lotQueue } from './resources.ts';
import { History, ImageUpload, ListObjectsQuery, ObjectIdParam, ObjectPage, ObjectView, ReadObjectQuery, RequestImageUpload } from '../schemas/object.ts';
import { RedListsPage } from '../schemas/red-lists.ts';
import { Certificate, CertificateIdParam, IssueCertificate, PublicKey, Verification } from '../schemas/certificates.ts';
import { ImportBatchResult, ImportRequest } from '../schemas/imports.ts';
import { CreateFeed, EditFeed, FeedIdParam, FeedList, FeedView, RunStarted } from '../schemas/feeds.ts';
import { WatchListPage, WatchListQuery } from '../schemas/watch-lists.ts';
import { fontPackageFiles } from '../functions/certificates/font-files.ts';

export type Access = 'read' | 'readWrite';

export interface FunctionDecl {
  entry: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Data files (repository paths) the code reads beside its bundle, copied next to it. */
  data?: string[];
  /** What the function may touch; the stack grants exactly this. */
  access: {
    table?: Access;
    bucket?: Access;
    /** publish: send alerts; subscribe: add, change and remove subscriptions of partners. */
    alertsTopic?: 'publish' | 'subscribe';
    /** The per-subscription delivery queues: create and drain them (manage), or receive from them (consume). */
    subscriptionQueues?: 'manage' | 'consume';
    /** The audit log: append entries (every API function), or also read them. */
    audit?: 'append' | 'read';
    /** The user pool: create users and put them in the group of their role. */
    userPool?: 'invite';
    /** The key that signs certificates: sign with it and read its public key. */
    signingKey?: 'sign';
  };
  /**
   * Files of npm packages the function reads from disk (fonts), as globs by package: shipped beside its bundle under
   * node_modules/, so that they resolve there as in the repository, and never inlined into the bundle's JavaScript.
   * external: the package's code is among them, left out of the bundle and imported from there.
   */
  packageFiles?: readonly { package: string; files: readonly string[]; external?: boolean }[];
}

// Read by photo matching's index (functions/matching/photo/visual-words.ts).
const photoVocabulary = 'functions/matching/photo/photo-vocabulary.bin';

export const functions = {
  objects: {
    entry: 'functions/objects/handler.ts',
    description: 'Registers, reads, edits and changes the status of objects',
    memoryMb: 512,
    timeoutSeconds: 10,
    access: { table: 'readWrite', bucket: 'read', audit: 'append' },
  },
  imports: {
    entry: 'functions/imports/handler.ts',
    description: 'Imports batches of Object ID records from a file, skipping inventory numbers already registered',
    memoryMb: 512,
    timeoutSeconds: 30,
    access: { table: 'readWrite', audit: 'append' },
  },
  imageUploads: {
    entry: 'functions/images/upload-handler.ts',
    description: 'Hands out presigned uploads for object photos',
    memoryMb: 256,
    timeoutSeconds: 10,
    access: { table: 'readWrite', bucket: 'readWrite', audit: 'append' },
  },
  imageProcessor: {
    entry: 'functions/images/process-handler.ts',
    description: 'Validates an uploaded photo and stores its normalised image and thumbnail',
    memoryMb: 1536,
    timeoutSeconds: 60,
    access: { table: 'readWrite', bucket: 'readWrite' },
  },
  search: {
    entry: 'functions/search/handler.ts',
    description: 'Searches the registry by text, attributes and photo; keeps a search that matches a hidden record as a sighting',
    memoryMb: 2048,
    timeoutSeconds: 15,
    data: [photoVocabulary],
    access: { table: 'readWrite', bucket: 'read', audit: 'append' },
  },
  sightings: {
    entry: 'functions/sightings/handler.ts',
    description: 'Takes sighting reports, shows their matches and records reviews of matches',
    memoryMb: 512,
    timeoutSeconds: 10,
    access: { table: 'readWrite', bucket: 'read', audit: 'append' },
  },
  matcher: {
    entry: 'functions/matching/stream-handler.ts',
    description: 'Matches new sightings against the registry and new objects against recent sightings',
    memoryMb: 2048,
    timeoutSeconds: 120,
    data: [photoVocabulary],
    access: { table: 'readWrite', bucket: 'read' },
  },
  indexSnapshot: {
    entry: 'functions/matching/snapshot-handler.ts',
    description: 'Writes a snapshot of the matching index to S3 so that cold starts load it in one read',
    memoryMb: 3008,
    timeoutSeconds: 900,
    data: [photoVocabulary],
    access: { table: 'read', bucket: 'readWrite' },
  },
  alerts: {
    entry: 'functions/alerts/handler.ts',
    description: 'Manages the subscriptions of partners, their alert feed and the dead letters of deliveries',
    memoryMb: 512,
    timeoutSeconds: 15,
    access: { table: 'readWrite', alertsTopic: 'subscribe', subscriptionQueues: 'manage', audit: 'append' },
  },
  alertPublisher: {
    entry: 'functions/alerts/publish-handler.ts',
    description: 'Turns matches, new objects, status changes and Red List sightings from the table stream into alerts on the topic',
    memoryMb: 512,
    timeoutSeconds: 30,
    access: { table: 'readWrite', alertsTopic: 'publish' },
  },
  alertDelivery: {
    entry: 'functions/alerts/delivery-handler.ts',
    description: 'Delivers alerts from the per-subscription queues to webhooks, signed, with backoff',
    memoryMb: 256,
    timeoutSeconds: 30,
    access: { table: 'readWrite', subscriptionQueues: 'consume' },
  },
  audit: {
    entry: 'functions/audit/handler.ts',
    description: 'Shows the audit trail to admins, and to museums for their own objects',
    memoryMb: 256,
    timeoutSeconds: 10,
    access: { table: 'read', audit: 'read' },
  },
  orgs: {
    entry: 'functions/orgs/handler.ts',
    description: 'Registers, suspends and reactivates organisations and invites their members',
    memoryMb: 256,
    timeoutSeconds: 10,
    access: { table: 'readWrite', audit: 'append', userPool: 'invite' },
  },
  certificates: {
    entry: 'functions/certificates/handler.ts',
    description: 'Issues signed due-diligence certificates of searches, serves them as JSON and PDF, and verifies them',
    memoryMb: 512,
    timeoutSeconds: 10,
    access: { table: 'readWrite', audit: 'append', signingKey: 'sign' },
    packageFiles: fontPackageFiles,
  },
  redLists: {
    entry: 'functions/red-lists/handler.ts',
    description: 'Serves the Red List categories that sightings and searches are checked against',
    memoryMb: 256,
    timeoutSeconds: 5,
    access: { table: 'read' },
  },
  feeds: {
    entry: 'functions/feeds/handler.ts',
    description: 'Registers the market feeds read on a schedule, keeps their schedules, starts runs and shows how runs went',
    memoryMb: 256,
    timeoutSeconds: 15,
    access: { table: 'readWrite', audit: 'append' },
  },
  feedFetch: {
    entry: 'functions/feeds/fetch-handler.ts',
    description: 'Reads one market feed (conditional GET) and queues each new or changed lot',
    memoryMb: 512,
    timeoutSeconds: 120,
    access: { table: 'readWrite' },
  },
  feedLots: {
    entry: 'functions/feeds/lot-handler.ts',
    description: 'Turns each queued lot into an auction sighting, with its images downloaded and checked',
    memoryMb: 1024,
    timeoutSeconds: 60,
    access: { table: 'readWrite', bucket: 'readWrite' },
  },
  watchLists: {
    entry: 'functions/watch-lists/handler.ts',
    description: 'Hands out watch lists of sought objects to keep on a device, and what changed in them since a download',
    memoryMb: 512,
    timeoutSeconds: 15,
    access: { table: 'read', bucket: 'read', audit: 'append' },
  },
  apiDocs: {
    entry: 'functions/api-docs/handler.ts',
    description: 'Serves the OpenAPI document generated from the schemas',
    memoryMb: 256,
    timeoutSeconds: 5,
    // Nothing: its one route is public, so no caller's organisation is looked up, and it reads no record.
    access: {},
  },
  fallback: {
    entry: 'functions/http/fallback-handler.ts',
    description: 'Points GET / to the console and the API document; answers 404 for unknown paths and 405 for known paths with the wrong method',
    memoryMb: 128,
    timeoutSeconds: 3,
    access: {},
  },
} as const satisfies Record<string, FunctionDecl>;

export type FunctionName = keyof typeof functions;
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteDecl {
  method: Method;
  path: string;
  fn: FunctionName;
  summary: string;
  /** Public routes skip the bearer token: verification, the public key and the API's own description. Every other route needs one. */
  auth?: 'none';
  /** What the route does, in infra/permissions.ts: which roles may call it, and on whose records. */
  action: Action;
  /** Every request is kept in the audit trail, but for the few that reveal nothing (false). */
  audit?: false;
  params?: z.ZodType;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Success responses: status -> body schema (null for no body). Error responses are added for every route. */
  responses: Record<number, z.ZodType | null>;
  /** Request bodies above this get 413. */
  maxBodyBytes?: number;
  /** Request headers the route reads, for the OpenAPI document. */
  headers?: { name: string; required: boolean; description: string }[];
}

export const defaultMaxBodyBytes = 1024 * 1024;

const ifMatch = { name: 'If-Match', required: true, description: 'The version you last read; a stale one gets 409' };
const idempotencyKey = {
  name: 'Idempotency-Key',
  required: false,
  description: 'A key you made for this request (1 to 100 characters, e.g. a UUID): sent again by your organisation within 7 days, it gets the first answer and nothing is stored twice; with another body, 422',
};

export const routes = [
  { method: 'POST', path: '/v1/objects', fn: 'objects', action: 'object.register', summary: 'Register a stolen, missing or looted object', body: RegisterObject, responses: { 201: ObjectView } },
  { method: 'POST', path: '/v1/imports', fn: 'imports', action: 'object.register', summary: 'Import up to 100 rows read from a file, or a file of up to 1,000 rows whole: each row imported, skipped (its inventory number is in) or rejected with its fields', body: ImportRequest, responses: { 200: ImportBatchResult } },
  { method: 'GET', path: '/v1/objects', fn: 'objects', action: 'object.read', summary: 'List objects, newest first', query: ListObjectsQuery, responses: { 200: ObjectPage } },
  { method: 'GET', path: '/v1/objects/{id}', params: ObjectIdParam, query: ReadObjectQuery, fn: 'objects', action: 'object.read', summary: 'Read one object with its image URLs, as JSON, LIDO XML or Linked Art JSON-LD', responses: { 200: ObjectView } },
  { method: 'PATCH', path: '/v1/objects/{id}', params: ObjectIdParam, fn: 'objects', action: 'object.change', summary: 'Edit an object: each field sent replaces the stored one whole; null removes an optional field', body: EditObject, headers: [ifMatch], responses: { 200: ObjectView } },
  { method: 'POST', path: '/v1/objects/{id}/status', params: ObjectIdParam, fn: 'objects', action: 'object.change', summary: 'Change the status along the allowed transitions (schemas/status-transitions.ts); 409 lists the allowed ones', body: ChangeStatus, responses: { 200: ObjectView } },
  { method: 'GET', path: '/v1/objects/{id}/history', params: ObjectIdParam, fn: 'objects', action: 'object.read', summary: 'Every change to the object, oldest first', responses: { 200: History } },
  { method: 'POST', path: '/v1/objects/{id}/images', params: ObjectIdParam, fn: 'imageUploads', action: 'object.change', summary: 'Get a presigned upload for a photo', body: RequestImageUpload, responses: { 201: ImageUpload } },
  { method: 'POST', path: '/v1/uploads', fn: 'imageUploads', action: 'sighting.report', summary: 'Get a presigned upload for a query photo (search or sighting)', body: RequestImageUpload, responses: { 201: QueryUpload } },
  { method: 'POST', path: '/v1/search', fn: 'search', action: 'search', summary: 'Search the registry by text, attributes and photo', body: SearchRequest, maxBodyBytes: 6 * 1024 * 1024, responses: { 200: SearchResult } },
  { method: 'POST', path: '/v1/sightings', fn: 'sightings', action: 'sighting.report', summary: 'Report a sighting; it is matched asynchronously', body: ReportSighting, headers: [idempotencyKey], responses: { 202: SightingAccepted } },
  { method: 'GET', path: '/v1/sightings/{id}', params: ObjectIdParam, fn: 'sightings', action: 'sighting.read', summary: 'A sighting with its status and scored matches', responses: { 200: SightingView } },
  { method: 'POST', path: '/v1/matches/{id}/review', params: MatchIdParam, fn: 'sightings', action: 'match.review', summary: 'Confirm or reject a match; a rejected pair is never alerted again', body: ReviewMatch, responses: { 200: MatchView } },
  { method: 'GET', path: '/v1/objects/{id}/matches', params: ObjectIdParam, query: ObjectMatchesQuery, fn: 'sightings', action: 'match.read', summary: "The object's matches, newest first, with where and when it was seen (its museum, police, customs, admins)", responses: { 200: ObjectMatchPage } },
  { method: 'GET', path: '/v1/objects/{id}/thumbnail', params: ObjectIdParam, fn: 'objects', action: 'object.read', audit: false, summary: 'Redirects to a short-lived link to the thumbnail of the first ready photo', responses: { 302: null } },
  { method: 'POST', path: '/v1/subscriptions', fn: 'alerts', action: 'alerts.subscribe', summary: "Subscribe the caller's organisation to alerts; a webhook's signing secret is shown once", body: CreateSubscription, responses: { 201: SubscriptionCreated } },
  { method: 'GET', path: '/v1/subscriptions', fn: 'alerts', action: 'alerts.subscribe', summary: "The caller's organisation's subscriptions", responses: { 200: SubscriptionList } },
  { method: 'GET', path: '/v1/subscriptions/{id}', params: SubscriptionIdParam, fn: 'alerts', action: 'alerts.subscribe', summary: 'One subscription', responses: { 200: SubscriptionView } },
  { method: 'PATCH', path: '/v1/subscriptions/{id}', params: SubscriptionIdParam, fn: 'alerts', action: 'alerts.subscribe', summary: 'Rename a subscription or change its filter', body: EditSubscription, headers: [ifMatch], responses: { 200: SubscriptionView } },
  { method: 'DELETE', path: '/v1/subscriptions/{id}', params: SubscriptionIdParam, fn: 'alerts', action: 'alerts.subscribe', summary: 'End a subscription; nothing more is delivered to it', responses: { 204: null } },
  { method: 'GET', path: '/v1/alerts', fn: 'alerts', action: 'alerts.subscribe', summary: "Alerts that the caller's organisation's subscriptions matched, newest first", query: AlertFeedQuery, responses: { 200: AlertFeed } },
  { method: 'GET', path: '/v1/admin/dead-letters', fn: 'alerts', action: 'deadLetters.manage', summary: 'Alerts that a webhook refused until its retries ran out (admins)', responses: { 200: DeadLetterList } },
  { method: 'POST', path: '/v1/admin/dead-letters/redrive', fn: 'alerts', action: 'deadLetters.manage', summary: 'Send dead letters back to their subscription queues for another round of attempts (admins)', body: Redrive, responses: { 200: RedriveResult } },
  { method: 'GET', path: '/v1/audit', fn: 'audit', action: 'audit.read', summary: "Who did what, newest first: an object's trail (admins, and the museum that owns it) or a person's (admins)", query: AuditQuery, responses: { 200: AuditPage } },
  { method: 'POST', path: '/v1/orgs', fn: 'orgs', action: 'orgs.manage', summary: 'Register an organisation (admins)', body: CreateOrg, responses: { 201: OrgView } },
  { method: 'GET', path: '/v1/orgs', fn: 'orgs', action: 'orgs.manage', summary: 'Every organisation, by name (admins)', responses: { 200: OrgList } },
  { method: 'GET', path: '/v1/orgs/{id}', params: OrgIdParam, fn: 'orgs', action: 'orgs.manage', summary: 'One organisation (admins)', responses: { 200: OrgView } },
  { method: 'POST', path: '/v1/orgs/{id}/status', params: OrgIdParam, fn: 'orgs', action: 'orgs.manage', summary: "Suspend an organisation (its members' tokens get 403) or reactivate it (admins)", body: ChangeOrgStatus, responses: { 200: OrgView } },
  { method: 'POST', path: '/v1/orgs/{id}/members', params: OrgIdParam, fn: 'orgs', action: 'orgs.manage', summary: 'Invite a person into an organisation with the role of its kind (admins)', body: InviteMember, responses: { 201: MemberView } },
  { method: 'GET', path: '/v1/orgs/{id}/members', params: OrgIdParam, fn: 'orgs', action: 'orgs.manage', summary: "An organisation's invited members (admins)", responses: { 200: MemberList } },
  { method: 'POST', path: '/v1/certificates', fn: 'certificates', action: 'certificate.issue', summary: "A signed due-diligence certificate of one of your organisation's searches (its searchId, within 180 days); 200 with the same certificate when it exists", body: IssueCertificate, responses: { 201: Certificate, 200: Certificate } },
  // Before /v1/certificates/{id}: the local runtime takes the first route that fits a path.
  { method: 'GET', path: '/v1/certificates/public-key', fn: 'certificates', auth: 'none', action: 'certificate.verify', summary: 'The public key that signs certificates (PEM and JWK), to verify them offline', responses: { 200: PublicKey } },
  { method: 'POST', path: '/v1/certificates/verify', fn: 'certificates', auth: 'none', action: 'certificate.verify', summary: 'Verify a certificate you were handed: valid, or the reasons it is not', body: Certificate, responses: { 200: Verification } },
  { method: 'GET', path: '/v1/certificates/{id}', params: CertificateIdParam, fn: 'certificates', action: 'certificate.read', summary: 'A certificate as signed JSON (the organisation that searched, admins)', responses: { 200: Certificate } },
  { method: 'GET', path: '/v1/certificates/{id}/pdf', params: CertificateIdParam, fn: 'certificates', action: 'certificate.read', summary: 'A certificate as a one-page PDF (application/pdf)', responses: { 200: null } },
  { method: 'GET', path: '/v1/certificates/{id}/verify', params: CertificateIdParam, fn: 'certificates', auth: 'none', action: 'certificate.verify', summary: 'Verify a certificate the registry issued, by its id', responses: { 200: Verification } },
  { method: 'POST', path: '/v1/feeds', fn: 'feeds', action: 'feeds.manage', summary: 'Register an auction or marketplace feed: read on its schedule, each new or changed lot becomes a sighting', body: CreateFeed, responses: { 201: FeedView } },
  { method: 'GET', path: '/v1/feeds', fn: 'feeds', action: 'feeds.manage', summary: "The caller's organisation's feeds", responses: { 200: FeedList } },
  { method: 'GET', path: '/v1/feeds/{id}', params: FeedIdParam, fn: 'feeds', action: 'feeds.manage', summary: 'One feed, its health and its last runs', responses: { 200: FeedView } },
  { method: 'PATCH', path: '/v1/feeds/{id}', params: FeedIdParam, fn: 'feeds', action: 'feeds.manage', summary: 'Edit a feed, change its schedule or pause it', body: EditFeed, headers: [ifMatch], responses: { 200: FeedView } },
  { method: 'DELETE', path: '/v1/feeds/{id}', params: FeedIdParam, fn: 'feeds', action: 'feeds.manage', summary: 'Remove a feed with its schedule, the lots it has seen and its runs', responses: { 204: null } },
  { method: 'POST', path: '/v1/feeds/{id}/runs', params: FeedIdParam, fn: 'feeds', action: 'feeds.manage', summary: 'Read the feed now; the run goes on in the background', responses: { 202: RunStarted } },
  { method: 'GET', path: '/v1/watch-lists', fn: 'watchLists', action: 'watchList.read', summary: 'The sought objects of some countries and types, compact and with small thumbnails, to keep on a device; with since, what changed and what left the list', query: WatchListQuery, responses: { 200: WatchListPage } },
  { method: 'GET', path: '/v1/red-lists', fn: 'redLists', action: 'redLists.read', audit: false, summary: 'The ICOM Red List categories: kinds of object at risk that every sighting and search is checked against', responses: { 200: RedListsPage } },
  { method: 'GET', path: '/v1/openapi.json', fn: 'apiDocs', auth: 'none', action: 'api.describe', audit: false, summary: 'This API as an OpenAPI 3.1 document', responses: { 200: null } },
] as const satisfies readonly RouteDecl[];

export type Route = (typeof routes)[number];
export type RouteKey = `${Route['method']} ${Route['path']}`;
/** The route keys served by one function: its handler must answer each of them. */
export type RouteKeyOf<F extends FunctionName> = Extract<Route, { fn: F }> extends infer R
  ? R extends { method: infer M extends string; path: infer P extends string }
    ? `${M} ${P}`
    : never
  : never;

export interface S3EventSource {
  kind: 's3';
  fn: FunctionName;
  /** Object keys under this prefix trigger the function on s3:ObjectCreated:*. */
  prefix: string;
}

/** A Lambda event source mapping on the table's stream. */
export interface TableStreamSource {
  kind: 'table-stream';
  fn: FunctionName;
  batchSize: number;
  /** Attempts of a failing record before it goes to the function's dead-letter queue. */
  maxAttempts: number;
  /** Lambda event filter patterns (the subset used: exact values listed in arrays); a record passes if one matches. */
  filters: Record<string, unknown>[];
}

/** A function run on a timer (an EventBridge rule in AWS, a timer locally). */
export interface ScheduleSource {
  kind: 'schedule';
  fn: FunctionName;
  everyMinutes: number;
}

/**
 * SQS queues made at run time, one per webhook subscription, by the `managedBy` function, which also maps each onto
 * `fn` (an event source mapping). A message received `maxAttempts` times goes to the queue's own dead-letter queue.
 */
export interface SubscriptionQueueSource {
  kind: 'subscription-queues';
  fn: FunctionName;
  managedBy: FunctionName;
  queuePrefix: string;
  batchSize: number;
  maxAttempts: number;
}

/**
 * EventBridge Scheduler schedules made at run time, one per market feed, by the `managedBy` function; each invokes `fn`
 * with the feed's id. The managing function may also invoke `fn` itself (a run started by hand).
 */
export interface FeedSchedulesSource {
  kind: 'feed-schedules';
  fn: FunctionName;
  managedBy: FunctionName;
  group: string;
}

/** An SQS queue declared here, with a dead-letter queue, fed by `producers` and drained by `fn` with partial batch failures. */
export interface QueueSource {
  kind: 'queue';
  fn: FunctionName;
  producers: readonly FunctionName[];
  queue: string;
  /** The environment variable that gives the producers the queue's URL. */
  urlEnv: string;
  batchSize: number;
  /** Receives of a message before it goes to the dead-letter queue <queue>-dlq. */
  maxAttempts: number;
}

export type EventSource = S3EventSource | TableStreamSource | ScheduleSource | SubscriptionQueueSource | FeedSchedulesSource | QueueSource;

const newImageOf = (entity: string) => ({ dynamodb: { NewImage: { entity: { S: [entity] } } } });

export const eventSources = [
  { kind: 's3', fn: 'imageProcessor', prefix: bucket.uploadsPrefix },
  {
    kind: 'table-stream',
    fn: 'matcher',
    batchSize: 10,
    maxAttempts: 3,
    filters: [
      { eventName: ['INSERT'], ...newImageOf('sighting') },
      { eventName: ['INSERT', 'MODIFY'], ...newImageOf('object') },
      { eventName: ['INSERT'], ...newImageOf('fingerprint') },
    ],
  },
  { kind: 'schedule', fn: 'indexSnapshot', everyMinutes: 60 },
  {
    kind: 'table-stream',
    fn: 'alertPublisher',
    batchSize: 10,
    maxAttempts: 5,
    filters: [
      { eventName: ['INSERT'], ...newImageOf('match') },
      { eventName: ['INSERT'], ...newImageOf('sighting') },
      { eventName: ['INSERT', 'MODIFY'], ...newImageOf('object') },
    ],
  },
  { kind: 'subscription-queues', fn: 'alertDelivery', managedBy: 'alerts', queuePrefix: alertQueues.prefix, batchSize: 5, maxAttempts: 5 },
  { kind: 'feed-schedules', fn: 'feedFetch', managedBy: 'feeds', group: feedSchedules.group },
  { kind: 'queue', fn: 'feedLots', producers: ['feedFetch'], queue: lotQueue.localName, urlEnv: env.lotQueueUrl, batchSize: 5, maxAttempts: 3 },
] as const satisfies readonly EventSource[];

/** The one source of webhook deliveries: its batch size and attempts shape every subscription queue. */
export function subscriptionQueueSource(): SubscriptionQueueSource {
  const found = eventSources.find((source) => source.kind === 'subscription-queues');
  if (!found) throw new Error('infra/wiring.ts declares no subscription-queues source');
  return found;
}
