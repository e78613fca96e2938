// The local HTTP API: what API Gateway does in AWS, turning requests into payload-format-2.0 events for the
// functions the wiring names, plus the local-only /dev routes of the token issuer.
import { randomUUID } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DevTokenRequest } from '../../schemas/identity.ts';
import { errorResponse } from '../../functions/http/api-handler.ts';
import { PayloadTooLarge } from '../../functions/http/errors.ts';
import { parseOrThrow } from '../../functions/http/parse.ts';
import { findRoute, keyOf } from '../../functions/http/routes.ts';
import { cors, securityHeaders } from '../../functions/http/security-headers.ts';
import type { FunctionName } from '../../infra/wiring.ts';
import type { DevIssuer } from './dev-issuer.ts';

// API Gateway's own hard limit on a request payload.
const gatewayMaxBytes = 10 * 1024 * 1024;
const textTypes = /^(application\/(json|[\w.+-]*\+json|x-www-form-urlencoded|xml)|text\/)/i;

type Invoke = (name: FunctionName, event: unknown) => Promise<unknown>;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > gatewayMaxBytes) throw new PayloadTooLarge(gatewayMaxBytes);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toEvent(request: IncomingMessage, url: URL, body: Buffer, routeKey: string, pathParameters?: Record<string, string>): APIGatewayProxyEventV2 {
  // Built with Object.fromEntries, not assignment: a header or parameter named "__proto__" or "constructor" must arrive as
  // an own field the schemas can reject, not vanish into the prototype or merge with an inherited function.
  const headers: Record<string, string> = Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) => (value !== undefined && name !== 'cookie' ? [[name, Array.isArray(value) ? value.join(',') : value]] : [])),
  );
  const repeated = new Map<string, string>();
  for (const [name, value] of url.searchParams) repeated.set(name, repeated.has(name) ? `${repeated.get(name)},${value}` : value);
  const query: Record<string, string> = Object.fromEntries(repeated);
  const binary = body.byteLength > 0 && !textTypes.test(headers['content-type'] ?? 'application/json');
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    // As API Gateway gives it: the path as sent, before any dot segment ("/v1/%2e%2e") is resolved.
    rawPath: (request.url ?? '/').split('?')[0] ?? '/',
    rawQueryString: url.search.slice(1),
    ...(request.headers.cookie ? { cookies: request.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(url.search ? { queryStringParameters: query } : {}),
    ...(pathParameters && Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.byteLength > 0 ? { body: binary ? body.toString('base64') : body.toString('utf8') } : {}),
    isBase64Encoded: binary,
  };
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2) {
  response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  response.end(result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

async function devRoute(request: IncomingMessage, url: URL, body: Buffer, issuer: DevIssuer): Promise<APIGatewayProxyStructuredResultV2 | undefined> {
  const asJson = (statusCode: number, value: unknown) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
  if (request.method === 'GET' && url.pathname === '/dev/.well-known/jwks.json') return asJson(200, issuer.jwks);
  if (request.method === 'POST' && url.pathname === '/dev/tokens') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8') || 'null');
    } catch {
      parsed = undefined;
    }
    const caller = parseOrThrow(DevTokenRequest, parsed, 'body');
    return asJson(201, { token: await issuer.issue(caller), tokenType: 'Bearer', expiresIn: 12 * 3600 });
  }
  return undefined;
}

/** The console served locally: this runtime's own origin, under either name of the loopback address. */
function consoleOrigin(request: IncomingMessage): string | undefined {
  const { origin } = request.headers;
  const port = request.socket.localPort;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}` ? origin : undefined;
}

/**
 * What API Gateway and the functions put on every response, set before anything answers so that the runtime's own
 * replies (dev routes, Lambda API, preflights, errors) carry it too; a function's own headers still win.
 */
function setBrowserHeaders(request: IncomingMessage, response: ServerResponse): void {
  for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
  response.setHeader('vary', 'origin');
  const origin = consoleOrigin(request);
  if (!origin) return;
  response.setHeader('access-control-allow-origin', origin);
  response.setHeader('access-control-expose-headers', cors.exposeHeaders.join(','));
}

const isPreflight = (request: IncomingMessage) =>
  request.method === 'OPTIONS' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;

/** As API Gateway does with CORS configured: it answers preflights itself, and grants nothing to another origin. */
function answerPreflight(request: IncomingMessage, response: ServerResponse): void {
  if (consoleOrigin(request)) {
    response.setHeader('access-control-allow-methods', request.headers['access-control-request-method'] ?? '*');
    response.setHeader('access-control-allow-headers', cors.allowHeaders.join(','));
    response.setHeader('access-control-max-age', String(cors.maxAgeSeconds));
  }
  response.writeHead(204);
  response.end();
}

/** Paths of the Lambda API (event source mappings), which the functions call on this same server locally. */
export const lambdaApiPrefix = '/2015-03-31/';

export function createHttpApi(
  invoke: Invoke,
  issuer: DevIssuer,
  onRequestSettled: (promise: Promise<unknown>) => void,
  lambdaApi?: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  consoleFiles?: (request: IncomingMessage, response: ServerResponse, path: string) => Promise<boolean>,
): Server {
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (consoleFiles && (await consoleFiles(request, response, url.pathname))) return;
    try {
      const body = await readBody(request);
      const dev = url.pathname.startsWith('/dev/') ? await devRoute(request, url, body, issuer) : undefined;
      if (dev) return send(response, dev);
      const match = findRoute(request.method ?? 'GET', url.pathname);
      const result =
        match.kind === 'found'
          ? await invoke(match.route.fn, toEvent(request, url, body, keyOf(match.route), match.params))
          : await invoke('fallback', toEvent(request, url, body, '$default'));
      send(response, result as APIGatewayProxyStructuredResultV2);
    } catch (error) {
      send(response, errorResponse(error, randomUUID()));
    }
  };
  const server = createServer((request, response) => {
    setBrowserHeaders(request, response);
    if (isPreflight(request)) return answerPreflight(request, response);
    onRequestSettled(lambdaApi && request.url?.startsWith(lambdaApiPrefix) ? lambdaApi(request, response) : handle(request, response));
  });
  return server.on('clientError', answerClientError);
}

/**
 * Requests Node's parser refuses before any handler runs (headers over its 16 KB limit, a malformed request line)
 * still get the documented error body, as API Gateway answers its own refusals.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [statusCode, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'request-header-fields-too-large', 'The request line and headers are larger than this API accepts']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request-timeout', 'The request was not received in time']
        : [400, 'invalid', 'The request is not valid HTTP'];
  const body = JSON.stringify({ error: { code, message } });
  const headers = { 'content-type': 'application/json; charset=utf-8', ...securityHeaders, 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
  socket.end(`HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${body}`);
}
