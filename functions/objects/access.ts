// Who may change an object: the rule of infra/permissions.ts applied to the organisation that registered it.
import type { Caller } from '../../schemas/identity.ts';
import { assertAllowedOn } from '../http/permissions.ts';
import type { StoredObject } from './model.ts';

export function assertCanChange(caller: Caller, object: Pick<StoredObject, 'orgId'>): void {
  assertAllowedOn(caller, 'object.change', object.orgId, 'Only the museum that registered this object (or an admin) may change it');
}
