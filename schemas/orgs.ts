// Organisations that take part in the registry, and the people an admin invites into them.
import * as z from 'zod';
import { Role } from './identity.ts';
import { CountryCode, Timestamp, text } from './primitives.ts';

export const OrgKind = z.enum(['museum', 'police', 'customs', 'market', 'public-body']).meta({ id: 'OrgKind' });
export type OrgKind = z.infer<typeof OrgKind>;

export const OrgId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,98}[a-z0-9]$/, 'must be 3 to 100 lower-case letters, digits and hyphens, e.g. "museum-of-kastoria"')
  .meta({ description: "The organisation's id: the org claim of its members' tokens" });

export const OrgStatus = z.enum(['active', 'suspended']).meta({ description: "suspended: its members' tokens get 403 until it is active again" });

export const CreateOrg = z
  .strictObject({
    id: OrgId.optional().meta({ description: 'Made from the name when absent' }),
    name: text(200),
    kind: OrgKind,
    country: CountryCode,
  })
  .meta({ id: 'CreateOrg' });
export type CreateOrg = z.infer<typeof CreateOrg>;

export const ChangeOrgStatus = z
  .strictObject({ status: OrgStatus, reason: text(500).optional().meta({ description: 'Shown to admins, e.g. "credentials reported stolen"' }) })
  .meta({ id: 'ChangeOrgStatus' });
export type ChangeOrgStatus = z.infer<typeof ChangeOrgStatus>;

export const OrgView = z
  .strictObject({
    id: OrgId,
    name: z.string(),
    kind: OrgKind,
    country: CountryCode,
    status: OrgStatus,
    statusReason: z.string().optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Org' });
export type OrgView = z.infer<typeof OrgView>;

export const OrgList = z.strictObject({ items: z.array(OrgView) }).meta({ id: 'OrgList' });
export const OrgIdParam = z.strictObject({ id: OrgId });

export const InviteMember = z
  .strictObject({ email: z.email().max(320), role: Role.exclude(['admin']).meta({ description: "Must fit the organisation's kind; admins are made by the operators" }) })
  .meta({ id: 'InviteMember' });
export type InviteMember = z.infer<typeof InviteMember>;

export const MemberView = z
  .strictObject({ email: z.string(), role: Role, org: OrgId, invitedAt: Timestamp, invitedBy: z.string() })
  .meta({ id: 'Member' });
export type MemberView = z.infer<typeof MemberView>;

export const MemberList = z.strictObject({ items: z.array(MemberView) }).meta({ id: 'MemberList' });
