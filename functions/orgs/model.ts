// Organisations and their members as the domain sees them, and the stores it needs.
import type { Role } from '../../schemas/identity.ts';
import type { OrgView } from '../../schemas/orgs.ts';

export type StoredOrg = OrgView & { version: number; createdBy: string };
export type StoredMember = { email: string; role: Role; org: string; invitedAt: string; invitedBy: string };

export interface OrgRepository {
  /** False when the id is taken. */
  create(org: StoredOrg): Promise<boolean>;
  get(id: string): Promise<StoredOrg | undefined>;
  list(): Promise<StoredOrg[]>;
  /** False when someone else changed it first. */
  replace(org: StoredOrg, expectedVersion: number): Promise<boolean>;
  addMember(member: StoredMember): Promise<void>;
  members(org: string): Promise<StoredMember[]>;
}

/** The sign-in directory (Cognito in AWS): a new user in the organisation, in the group of the role. */
export interface MemberDirectory {
  invite(member: StoredMember): Promise<void>;
}
