// A token is only as good as its organisation: it must exist and be active, and only the operators hold admin.
import { operatorsOrg, type Caller } from '../../schemas/identity.ts';
import { Forbidden } from '../http/errors.ts';
import type { OrgRepository } from './model.ts';

export async function assertActiveOrg(caller: Caller, deps: { orgs: Pick<OrgRepository, 'get'> }): Promise<void> {
  if (caller.org === operatorsOrg) {
    if (caller.role !== 'admin') throw new Forbidden(`Only admins belong to ${operatorsOrg}`);
    return;
  }
  if (caller.role === 'admin') throw new Forbidden(`The admin role belongs to ${operatorsOrg} alone`);
  const org = await deps.orgs.get(caller.org);
  if (!org) throw new Forbidden(`Your organisation ${caller.org} is not registered; ask the registry's operators`);
  if (org.status !== 'active') throw new Forbidden(`Your organisation ${caller.org} is suspended; ask the registry's operators`);
}
