// Enforces infra/permissions.ts: the API middleware checks the role, the domain code checks the organisation.
import { actionNames, grants, inventoryReaders, permissions, restrictedFieldReaders, visibilityReaders, type Action, type Scope } from '../../infra/permissions.ts';
import type { Caller } from '../../schemas/identity.ts';
import { defaultVisibility, Visibility, type ObjectStatus } from '../../schemas/object-id.ts';
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

/** What decides who reads an object. Records stored before visibility existed read as the default. */
export type ReadableRecord = { orgId: string; status: ObjectStatus; visibility?: Visibility | undefined };

/** The objects a caller may read: its own organisation's, plus others' by status and visibility. */
export interface ReadableScope {
  ownOrg: string;
  /** Visibilities of other organisations' records the caller reads. */
  visibilities: Visibility[];
  othersInventoried: boolean;
}

export const readableScope = (caller: Pick<Caller, 'org' | 'role'>): ReadableScope => ({
  ownOrg: caller.org,
  visibilities: Visibility.options.filter((visibility) => visibilityReaders[visibility][caller.role] === 'any'),
  othersInventoried: inventoryReaders[caller.role] === 'any',
});

export const inScope = (scope: ReadableScope, record: ReadableRecord): boolean =>
  record.orgId === scope.ownOrg ||
  ((record.status !== 'inventoried' || scope.othersInventoried) && scope.visibilities.includes(record.visibility ?? defaultVisibility));

/** Whether the caller reads what is shown to partners (a partners record of any organisation): not the public. */
export const isPartner = (caller: Pick<Caller, 'role'>): boolean => visibilityReaders.partners[caller.role] === 'any';

/** Whether the caller may know the object exists at all: a refusal is a 404, never a 403. */
export const maySee = (caller: Caller, record: ReadableRecord): boolean => inScope(readableScope(caller), record);
