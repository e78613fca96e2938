// What the audit trail keeps of one API request: who, which action, on which object, with what outcome; for a search
// its text and the fields asked for, never the photo.
import type { AuditEntry } from '../../schemas/audit.ts';
import type { Caller } from '../../schemas/identity.ts';
import { restrictedFields } from '../../schemas/object-id.ts';
import { Id } from '../../schemas/primitives.ts';

const maxQueryText = 1000;
const objectPath = /^\/v1\/objects\/\{id\}/;
const restrictedKey = new RegExp(`"(?:${restrictedFields.join('|')})":`);

export interface AuditedRequest {
  route: { method: string; path: string; action: string; audit?: false };
  caller: Caller;
  params?: unknown;
  body?: unknown;
  response: { statusCode: number; body?: string };
  requestId: string;
  at: Date;
}

const field = (value: unknown, name: string): unknown => (value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined);
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

function parsedBody(response: AuditedRequest['response']): unknown {
  try {
    return response.body ? JSON.parse(response.body) : undefined;
  } catch {
    return undefined;
  }
}

/** The object a request touched: the one in its path, the one it registered, or the one of the match it reviewed. */
function objectIdOf(request: AuditedRequest): string | undefined {
  if (objectPath.test(request.route.path)) return Id.safeParse(field(request.params, 'id')).data;
  if (request.response.statusCode >= 300) return undefined;
  if (request.route.action === 'object.register') return text(field(parsedBody(request.response), 'id'));
  if (request.route.action === 'match.review') return text(field(parsedBody(request.response), 'objectId'));
  return undefined;
}

function searchQuery(body: unknown): AuditEntry['query'] {
  const queryText = text(field(body, 'text'));
  const structured = field(body, 'structured');
  return {
    ...(queryText ? { text: queryText.slice(0, maxQueryText) } : {}),
    ...(structured && typeof structured === 'object' ? { fields: Object.keys(structured) } : {}),
    photo: field(body, 'image') !== undefined || field(body, 'imageKey') !== undefined,
  };
}

/**
 * Every write, refused or not, is kept; a read is kept when it concerns one object, showed restricted fields, read the
 * audit trail itself or was refused. Lists of what a caller may see anyway are not, which keeps the log (and its bill)
 * to what an investigation of a leak would ask for.
 */
export function auditEntryFor(request: AuditedRequest): AuditEntry | undefined {
  const { route, caller, response } = request;
  if (route.audit === false) return undefined;
  const objectId = objectIdOf(request);
  const succeeded = response.statusCode < 300;
  const restrictedRead = succeeded && route.method === 'GET' && restrictedKey.test(response.body ?? '');
  const kept = route.method !== 'GET' || objectId !== undefined || restrictedRead || route.action === 'audit.read' || response.statusCode === 403;
  if (!kept) return undefined;
  return {
    at: request.at.toISOString(),
    requestId: request.requestId,
    actor: { sub: caller.sub, org: caller.org, role: caller.role },
    action: route.action,
    route: `${route.method} ${route.path}`,
    status: response.statusCode,
    ...(objectId ? { objectId } : {}),
    ...(restrictedRead ? { restrictedRead: true } : {}),
    ...(route.action === 'search' ? { query: searchQuery(request.body) } : {}),
  };
}
