// Who is calling: the claims every /v1 token carries.
import * as z from 'zod';

export const Role = z.enum(['museum', 'police', 'customs', 'market', 'public', 'admin']);
export type Role = z.infer<typeof Role>;

/** The organisation of the registry's operators: the only one whose members may hold the admin role. */
export const operatorsOrg = 'registry-operators';

export const Caller = z.strictObject({
  sub: z.string().min(1),
  org: z.string().min(1).max(100),
  role: Role,
});
export type Caller = z.infer<typeof Caller>;

/**
 * Why a role cannot act for an organisation, or undefined when it can: the operators hold the admin role, and only
 * they. Checked on every request, and by the local issuer before it signs a token that every request would refuse.
 */
export function roleOrgMismatch(caller: Pick<Caller, 'org' | 'role'>): { path: 'org' | 'role'; reason: string } | undefined {
  if (caller.org === operatorsOrg && caller.role !== 'admin') return { path: 'role', reason: `must be admin: only admins belong to ${operatorsOrg}` };
  if (caller.org !== operatorsOrg && caller.role === 'admin') return { path: 'org', reason: `must be ${operatorsOrg}: the admin role belongs to it alone` };
  return undefined;
}

// Local tokens carry org and role directly; Cognito carries them as a custom attribute and a group.
export const TokenClaims = z
  .looseObject({
    sub: z.string().min(1),
    org: z.string().optional(),
    role: z.string().optional(),
    'custom:org': z.string().optional(),
    'cognito:groups': z.array(z.string()).optional(),
  })
  .transform((claims, ctx) => {
    const caller = Caller.safeParse({
      sub: claims.sub,
      org: claims.org ?? claims['custom:org'],
      role: claims.role ?? claims['cognito:groups']?.find((group) => Role.safeParse(group).success),
    });
    if (!caller.success) {
      ctx.addIssue({ code: 'custom', message: 'token must carry sub, org and a known role' });
      return z.NEVER;
    }
    return caller.data;
  });

export const DevTokenRequest = Caller.superRefine((caller, ctx) => {
  const mismatch = roleOrgMismatch(caller);
  if (mismatch) ctx.addIssue({ code: 'custom', path: [mismatch.path], message: mismatch.reason });
}).meta({ id: 'DevTokenRequest' });
