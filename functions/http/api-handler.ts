// Builds a Lambda handler for one function's HTTP routes: size limit, token, zod parsing, dispatch, error mapping.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import type { Caller } from '../../schemas/identity.ts';
import { defaultMaxBodyBytes, type FunctionName, type Route, type RouteKeyOf } from '../../infra/wiring.ts';
import { Busy, DomainError, Invalid, NotFound, PayloadTooLarge } from './errors.ts';
import { logger } from './logger.ts';
import { parseOrThrow } from './parse.ts';
import { assertRoleMay } from './permissions.ts';
import { assertWithinLimits, type RateLimitDeps } from './rate-limit.ts';
import { securityHeaders } from './security-headers.ts';
import { routeByKey } from './routes.ts';
import type { CallerVerifier } from './auth.ts';
import { auditEntryFor } from '../audit/entry.ts';
import type { AuditLog } from '../audit/model.ts';
import { assertActiveOrg } from '../orgs/active.ts';
import type { OrgRepository } from '../orgs/model.ts';


type RouteFor<K extends string> = K extends `${infer M} ${infer P}` ? Extract<Route, { method: M; path: P }> : never;
type Parsed<R, Field extends string> = R extends { [F in Field]: infer S extends z.ZodType } ? z.output<S> : undefined;

export interface ApiRequest<K extends string> {
  body: Parsed<RouteFor<K>, 'body'>;
  query: Parsed<RouteFor<K>, 'query'>;
  params: Parsed<RouteFor<K>, 'params'>;
  headers: Record<string, string | undefined>;
  caller: K extends string ? (RouteFor<K> extends { auth: 'none' } ? undefined : Caller) : never;
}

export type ApiResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number };

export type RouteHandlers<F extends FunctionName> = {
  [K in RouteKeyOf<F>]: (request: ApiRequest<K>) => Promise<ApiResponse>;
};

/** A body in another format than JSON (an export such as LIDO XML, a PDF), with its content type; bytes go as base64. */
export function formatted(statusCode: number, body: string | Uint8Array, contentType: string, headers: Record<string, string> = {}): ApiResponse {
  const binary = typeof body !== 'string';
  return {
    statusCode,
    headers: { 'content-type': contentType, ...securityHeaders, ...headers },
    body: binary ? Buffer.from(body).toString('base64') : body,
    ...(binary ? { isBase64Encoded: true } : {}),
  };
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return formatted(statusCode, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

/** A response without a body: 204, or a redirect with its location. */
export function bodyless(statusCode: 204 | 302, headers: Record<string, string> = {}): ApiResponse {
  return { statusCode, headers: { ...securityHeaders, ...headers } };
}

export function errorResponse(error: unknown, correlationId: string): ApiResponse {
  if (error instanceof DomainError) {
    return json(
      error.statusCode,
      { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } },
      error.headers,
    );
  }
  logger.error('unhandled error', { error: error as Error, correlationId });
  return json(500, { error: { code: 'internal', message: 'Something went wrong on our side', correlationId } });
}

function rawBody(event: APIGatewayProxyEventV2, limit: number): Buffer | undefined {
  if (event.body === undefined || event.body === '') return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (raw.byteLength > limit) throw new PayloadTooLarge(limit);
  return raw;
}

function parseJson(raw: Buffer | undefined): unknown {
  if (raw === undefined) return null;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new Invalid('The request body is not valid JSON', [{ path: '', reason: 'is not valid JSON' }]);
  }
}

export interface ApiDeps extends RateLimitDeps {
  verifyCaller: CallerVerifier;
  audit: Pick<AuditLog, 'append'>;
  orgs: Pick<OrgRepository, 'get'>;
}

type Attempt = { route?: Route; caller?: Caller; params?: unknown; body?: unknown };

async function respond(event: APIGatewayProxyEventV2, table: Record<string, (request: ApiRequest<string>) => Promise<ApiResponse>>, deps: ApiDeps, attempt: Attempt) {
  const route = routeByKey(event.routeKey);
  const handle = table[event.routeKey];
  if (!route || !handle) throw new NotFound(`No route ${event.routeKey}`);
  attempt.route = route;
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const decl = route as Route & { body?: z.ZodType; query?: z.ZodType; params?: z.ZodType; auth?: 'none'; maxBodyBytes?: number };
  const raw = rawBody(event, decl.maxBodyBytes ?? defaultMaxBodyBytes);
  const caller = decl.auth === 'none' ? undefined : await deps.verifyCaller(headers.authorization);
  attempt.caller = caller;
  // Unchecked until parsed below, but enough for the audit trail to name the object of a refused attempt.
  attempt.params = event.pathParameters;
  // Before the input is read: a role that may not call the route learns nothing about what it would accept.
  if (caller) {
    await assertActiveOrg(caller, deps);
    assertRoleMay(caller, route.action);
    await assertWithinLimits(caller, route.action, deps);
  }
  attempt.params = decl.params ? parseOrThrow(decl.params, event.pathParameters ?? {}, 'path') : undefined;
  const query = decl.query ? parseOrThrow(decl.query, event.queryStringParameters ?? {}, 'query') : undefined;
  attempt.body = decl.body ? parseOrThrow(decl.body, parseJson(raw), 'body') : undefined;
  return handle({ headers, caller, params: attempt.params, query, body: attempt.body } as ApiRequest<string>);
}

/**
 * A request that runs out of its function's time was queued behind other work: 503 with Retry-After where middy's
 * early-timeout error became an opaque 500. Answered a second before Lambda would cut the invocation off.
 */
function busy(): ApiResponse {
  logger.warn('request ran out of time; answered 503 with Retry-After');
  return errorResponse(new Busy(), 'timeout');
}

export function apiHandler<F extends FunctionName>(handlers: RouteHandlers<F>, deps: ApiDeps) {
  const table = handlers as unknown as Record<string, (request: ApiRequest<string>) => Promise<ApiResponse>>;
  return middy<APIGatewayProxyEventV2, ApiResponse, Error, Context>({ timeoutEarlyInMillis: 1000, timeoutEarlyResponse: busy })
    .use(injectLambdaContext(logger))
    .handler(async (event, context) => {
      const attempt: Attempt = {};
      let response: ApiResponse;
      try {
        response = await respond(event, table, deps, attempt);
      } catch (error) {
        response = errorResponse(error, context.awsRequestId);
      }
      const { route, caller, params, body } = attempt;
      if (route && caller) {
        const entry = auditEntryFor({ route, caller, params, body, response, requestId: context.awsRequestId, at: deps.clock.now() });
        // The request has happened: a failed append is an operations alarm (logged as an error), not the caller's.
        if (entry) await deps.audit.append(entry).catch((error: unknown) => logger.error('audit append failed', { error: error as Error, entry }));
      }
      return response;
    });
}
