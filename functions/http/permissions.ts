// Enforces infra/permissions.ts: the API middleware checks the role, the domain code checks the organisation.
import { actionNames, grants, permissions, restrictedFieldReaders, type Action, type Scope } from '../../infra/permissions.ts';
import type { Caller } from '../../schemas/identity.ts';
import { Forbidden } from './errors.ts';

/** For the middleware: refuses a role that the action does not list at all. */
export function assertRoleMay(caller: Caller, action: Action): void {
  if (!permissions[action][caller.role]) throw new Forbidden(`The ${caller.role} role may not ${actionNames[action]}`);
}

/** How far the caller's role reaches for the action: any organisation's records, its own only, or none. */
export const scopeOf = (caller: Caller, action: Action): Scope | undefined => permissions[action][caller.role];

/** For the domain: whether the caller may perform the action on a record of `ownerOrg`. */
export const allowedOn = (caller: Caller, action: Action, ownerOrg: string) => grants(permissions[action], caller, ownerOrg);

export function assertAllowedOn(caller: Caller, action: Action, ownerOrg: string, refusal: string): void {
  if (!allowedOn(caller, action, ownerOrg)) throw new Forbidden(refusal);
}

/** Whether the caller sees the restricted fields of a record of `ownerOrg`. */
export const seesRestricted = (caller: Caller, ownerOrg: string) => grants(restrictedFieldReaders, caller, ownerOrg);
