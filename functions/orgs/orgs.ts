// Registering organisations, suspending and reactivating them, and inviting their members (admins only).
import type { Caller, Role } from '../../schemas/identity.ts';
import type { ChangeOrgStatus, CreateOrg, InviteMember, OrgKind, OrgView } from '../../schemas/orgs.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../http/errors.ts';
import type { Clock } from '../objects/model.ts';
import type { MemberDirectory, OrgRepository, StoredMember, StoredOrg } from './model.ts';

/** The role a member of each kind of organisation holds. */
export const roleOfKind: Record<OrgKind, Exclude<Role, 'admin'>> = { museum: 'museum', police: 'police', customs: 'customs', market: 'market', 'public-body': 'public' };

/** The kind of organisation each role belongs to (admins belong to the operators alone). */
export const kindOfRole: Record<Exclude<Role, 'admin'>, OrgKind> = { museum: 'museum', police: 'police', customs: 'customs', market: 'market', public: 'public-body' };

type OrgDeps = { orgs: OrgRepository; clock: Clock };

export const toOrgView = ({ version: _version, createdBy: _by, ...view }: StoredOrg): OrgView => view;

/** "Museum of Kastoria" -> "museum-of-kastoria" (accents dropped, other characters to hyphens). */
export function orgIdFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
}

export async function createOrg(input: CreateOrg, caller: Caller, deps: OrgDeps): Promise<StoredOrg> {
  const id = input.id ?? orgIdFrom(input.name);
  if (id.length < 3) throw new Invalid('The name makes no usable id', [{ path: 'id', reason: 'give an id of 3 to 100 lower-case letters, digits and hyphens' }]);
  const at = deps.clock.now().toISOString();
  const org: StoredOrg = { id, name: input.name, kind: input.kind, country: input.country, status: 'active', createdAt: at, updatedAt: at, version: 1, createdBy: caller.sub };
  if (!(await deps.orgs.create(org))) throw new Conflict(`An organisation ${id} exists already`, [{ path: 'id', reason: 'is taken' }]);
  return org;
}

export async function getOrg(id: string, deps: Pick<OrgDeps, 'orgs'>): Promise<StoredOrg> {
  const org = await deps.orgs.get(id);
  if (!org) throw new NotFound(`No organisation ${id}`);
  return org;
}

export const listOrgs = async (deps: Pick<OrgDeps, 'orgs'>) => (await deps.orgs.list()).map(toOrgView);

export async function listMembers(id: string, deps: Pick<OrgDeps, 'orgs'>): Promise<StoredMember[]> {
  await getOrg(id, deps);
  return deps.orgs.members(id);
}

export async function changeOrgStatus(id: string, change: ChangeOrgStatus, deps: OrgDeps): Promise<StoredOrg> {
  const org = await getOrg(id, deps);
  const { statusReason: _previous, ...rest } = org;
  const changed: StoredOrg = { ...rest, status: change.status, ...(change.reason ? { statusReason: change.reason } : {}), updatedAt: deps.clock.now().toISOString(), version: org.version + 1 };
  if (!(await deps.orgs.replace(changed, org.version))) throw new Conflict('Someone changed this organisation at the same moment; read it and try again');
  return changed;
}

export async function inviteMember(id: string, input: InviteMember, caller: Caller, deps: OrgDeps & { directory: MemberDirectory | undefined }): Promise<StoredMember> {
  const org = await getOrg(id, deps);
  if (org.status !== 'active') throw new Forbidden(`${id} is suspended: reactivate it before inviting members`);
  if (roleOfKind[org.kind] !== input.role) {
    throw new Invalid(`A member of a ${org.kind} organisation holds the ${roleOfKind[org.kind]} role`, [{ path: 'role', reason: `must be ${roleOfKind[org.kind]} for a ${org.kind}` }]);
  }
  const member: StoredMember = { email: input.email.toLowerCase(), role: input.role, org: id, invitedAt: deps.clock.now().toISOString(), invitedBy: caller.sub };
  // The directory first: a member is listed only once they can sign in.
  await deps.directory?.invite(member);
  await deps.orgs.addMember(member);
  return member;
}
