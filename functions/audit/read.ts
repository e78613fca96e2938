// Reading the audit trail: admins read any object's or person's entries; a museum reads who touched its own objects.
import type { AuditQuery } from '../../schemas/audit.ts';
import type { Caller } from '../../schemas/identity.ts';
import { Forbidden, Invalid } from '../http/errors.ts';
import { assertAllowedOn, scopeOf } from '../http/permissions.ts';
import { findVisible } from '../objects/access.ts';
import type { ObjectRepository } from '../objects/model.ts';
import type { AuditLog } from './model.ts';

export async function readAudit(query: AuditQuery, caller: Caller, deps: { audit: AuditLog; objects: Pick<ObjectRepository, 'get'> }) {
  const page = { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) };
  if (query.objectId) {
    const found = await findVisible(query.objectId, caller, deps.objects);
    assertAllowedOn(caller, 'audit.read', found.object.orgId, "Only admins and the museum that registered the object read its audit trail");
    const result = await deps.audit.forObject(query.objectId, page);
    return query.actor ? { ...result, items: result.items.filter((entry) => entry.actor.sub === query.actor) } : result;
  }
  if (scopeOf(caller, 'audit.read') !== 'any') throw new Forbidden("Only admins read a person's audit trail; give the objectId of one of your objects");
  if (!query.actor) throw new Invalid('The query is not valid', [{ path: 'objectId', reason: 'give objectId or actor' }]);
  return deps.audit.byActor(query.actor, page);
}
