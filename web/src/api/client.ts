// The console's only way to the registry: the public /v1 API, typed by the same zod schemas the API validates with.
import type * as z from 'zod';
import type { AlertFeed, AlertFeedQuery, CreateSubscription, EditSubscription, SubscriptionCreated, SubscriptionList, SubscriptionView } from '../../../schemas/alerts.ts';
import type { ErrorBody } from '../../../schemas/errors.ts';
import type { MatchView, ObjectMatchesQuery, ObjectMatchPage, QueryUpload, ReportSighting, ReviewMatch, SearchRequest, SearchResult, SightingAccepted, SightingView } from '../../../schemas/matching.ts';
import type { ChangeStatus, EditObject, RegisterObject } from '../../../schemas/object-id.ts';
import type { History, ImageUpload, ListObjectsQuery, ObjectPage, ObjectView, RequestImageUpload } from '../../../schemas/object.ts';
import type { RedListsPage } from '../../../schemas/red-lists.ts';
import type { WatchListPage, WatchListQuery } from '../../../schemas/watch-lists.ts';

type Body<T extends z.ZodType> = z.input<T>;
type Reply<T extends z.ZodType> = z.output<T>;
export type FieldError = { path: string; reason: string };

/** A refusal from the API: its status, code, message and, for a 400, the fields that failed and why. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  constructor(status: number, body: ErrorBody['error'] | undefined) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? 'http';
    this.fields = body?.fields ?? [];
  }
  /** The reason given for one field, e.g. "incident.country". */
  reasonFor(path: string): string | undefined {
    return this.fields.find((field) => field.path === path)?.reason;
  }
}

export interface ApiOptions {
  baseUrl: string;
  token: () => string | undefined;
  /** Called on a 401 so that the console can ask the user to sign in again. */
  onUnauthorized: () => void;
}

type Query = Record<string, string | number | undefined>;
type CallInit = { body?: unknown; query?: Query; ifMatch?: number; headers?: Record<string, string> };

export function createApi(options: ApiOptions) {
  async function call<T>(method: string, path: string, init: CallInit = {}): Promise<T> {
    const url = new URL(`${options.baseUrl}${path}`, location.origin);
    for (const [name, value] of Object.entries(init.query ?? {})) if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { ...init.headers, accept: 'application/json' };
    const token = options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.ifMatch !== undefined) headers['if-match'] = `"${init.ifMatch}"`;
    const response = await fetch(url, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    if (response.status === 401) options.onUnauthorized();
    if (!response.ok) {
      const body = (await response.json().catch(() => undefined)) as ErrorBody | undefined;
      throw new ApiError(response.status, body?.error);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  return {
    /** Whether the registry answers at all, whatever it says: navigator.onLine cannot tell (web/src/offline/network.ts). */
    ping: () =>
      fetch(new URL(`${options.baseUrl}/v1/`, location.origin), { method: 'HEAD', mode: 'no-cors', cache: 'no-store' }).then(
        () => true,
        () => false,
      ),
    listObjects: (query: Partial<z.output<typeof ListObjectsQuery>>) => call<Reply<typeof ObjectPage>>('GET', '/v1/objects', { query }),
    getObject: (id: string) => call<Reply<typeof ObjectView>>('GET', `/v1/objects/${id}`),
    registerObject: (body: Body<typeof RegisterObject>) => call<Reply<typeof ObjectView>>('POST', '/v1/objects', { body }),
    editObject: (id: string, version: number, body: Body<typeof EditObject>) => call<Reply<typeof ObjectView>>('PATCH', `/v1/objects/${id}`, { body, ifMatch: version }),
    changeStatus: (id: string, body: Body<typeof ChangeStatus>) => call<Reply<typeof ObjectView>>('POST', `/v1/objects/${id}/status`, { body }),
    history: (id: string) => call<Reply<typeof History>>('GET', `/v1/objects/${id}/history`),
    requestObjectPhoto: (id: string, body: Body<typeof RequestImageUpload>) => call<Reply<typeof ImageUpload>>('POST', `/v1/objects/${id}/images`, { body }),
    requestQueryPhoto: (body: Body<typeof RequestImageUpload>) => call<Reply<typeof QueryUpload>>('POST', '/v1/uploads', { body }),
    search: (body: Body<typeof SearchRequest>) => call<Reply<typeof SearchResult>>('POST', '/v1/search', { body }),
    /** With an idempotency key, a report sent again (a retry after a lost answer) is stored once. */
    reportSighting: (body: Body<typeof ReportSighting>, idempotencyKey?: string) =>
      call<Reply<typeof SightingAccepted>>('POST', '/v1/sightings', { body, ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}) }),
    getSighting: (id: string) => call<Reply<typeof SightingView>>('GET', `/v1/sightings/${id}`),
    objectMatches: (id: string, query: Partial<z.output<typeof ObjectMatchesQuery>> = {}) =>
      call<Reply<typeof ObjectMatchPage>>('GET', `/v1/objects/${id}/matches`, { query }),
    reviewMatch: (id: string, body: Body<typeof ReviewMatch>) => call<Reply<typeof MatchView>>('POST', `/v1/matches/${id}/review`, { body }),
    listSubscriptions: () => call<Reply<typeof SubscriptionList>>('GET', '/v1/subscriptions'),
    createSubscription: (body: Body<typeof CreateSubscription>) => call<Reply<typeof SubscriptionCreated>>('POST', '/v1/subscriptions', { body }),
    editSubscription: (id: string, version: number, body: Body<typeof EditSubscription>) =>
      call<Reply<typeof SubscriptionView>>('PATCH', `/v1/subscriptions/${id}`, { body, ifMatch: version }),
    deleteSubscription: (id: string) => call<void>('DELETE', `/v1/subscriptions/${id}`),
    alerts: (query: Partial<z.output<typeof AlertFeedQuery>>) => call<Reply<typeof AlertFeed>>('GET', '/v1/alerts', { query }),
    /** Countries and object types comma-separated, as the query string carries them. */
    watchList: (query: Pick<z.input<typeof WatchListQuery>, 'countries' | 'objectTypes' | 'since' | 'cursor'> & { limit?: number }) =>
      call<Reply<typeof WatchListPage>>('GET', '/v1/watch-lists', { query }),
    redLists: () => call<Reply<typeof RedListsPage>>('GET', '/v1/red-lists'),
  };
}

export type Api = ReturnType<typeof createApi>;
