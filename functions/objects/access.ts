// Who may do what to an object: the role rules of the registry, in one place.
import type { Caller } from '../../schemas/identity.ts';
import { Forbidden } from '../http/errors.ts';
import type { StoredObject } from './model.ts';

const seesRestrictedEverywhere = new Set(['police', 'customs', 'admin']);

export const ownsObject = (caller: Caller, object: Pick<StoredObject, 'orgId'>) => caller.org === object.orgId;

export function canSeeRestricted(caller: Caller, object: Pick<StoredObject, 'orgId'>): boolean {
  return seesRestrictedEverywhere.has(caller.role) || (caller.role === 'museum' && ownsObject(caller, object));
}

export function assertCanRegister(caller: Caller): void {
  if (caller.role !== 'museum' && caller.role !== 'admin') {
    throw new Forbidden('Only museums and admins register objects');
  }
}

export function assertCanChange(caller: Caller, object: Pick<StoredObject, 'orgId'>): void {
  if (caller.role === 'admin') return;
  if (caller.role !== 'museum' || !ownsObject(caller, object)) {
    throw new Forbidden('Only the museum that registered this object (or an admin) may change it');
  }
}
