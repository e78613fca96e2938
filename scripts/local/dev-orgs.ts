// The dev issuer stands in for an admin too: the first token for an organisation registers it, active, of the kind
// its role implies, so that `npm start` works without first calling POST /v1/orgs. Suspending it still takes effect.
import { operatorsOrg, type Caller } from '../../schemas/identity.ts';
import { kindOfRole } from '../../functions/orgs/orgs.ts';
import type { OrgRepository } from '../../functions/orgs/model.ts';

/** Country code for "not stated" (ISO 3166 user-assigned). */
const unstated = 'ZZ';

export async function registerForDev(caller: Caller, orgs: Pick<OrgRepository, 'create'>, now: Date): Promise<void> {
  if (caller.org === operatorsOrg || caller.role === 'admin') return;
  const at = now.toISOString();
  // False when it exists: then it stays as it is, suspended or not.
  await orgs.create({ id: caller.org, name: caller.org, kind: kindOfRole[caller.role], country: unstated, status: 'active', createdAt: at, updatedAt: at, version: 1, createdBy: 'dev-issuer' });
}
