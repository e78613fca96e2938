// A token is only as good as its organisation: it must exist and be active, and only the operators hold admin.
import { operatorsOrg, roleOrgMismatch, type Caller } from '../../schemas/identity.ts';
import { Forbidden } from '../http/errors.ts';
import type { OrgRepository } from './model.ts';

export async function assertActiveOrg(caller: Caller, deps: { orgs: Pick<OrgRepository, 'get'> }): Promise<void> {
  const mismatch = roleOrgMismatch(caller);
  if (mismatch) throw new Forbidden(`The token's ${mismatch.path} ${mismatch.reason}`);
  if (caller.org === operatorsOrg) return;
  const org = await deps.orgs.get(caller.org);
  if (!org) throw new Forbidden(`Your organisation ${caller.org} is not registered; ask the registry's operators`);
  if (org.status !== 'active') throw new Forbidden(`Your organisation ${caller.org} is suspended; ask the registry's operators`);
}
