// HTTP entry point of organisations and their members.
import { cognitoMembers } from '../adapters/cognito-members.ts';
import { config } from '../config.ts';
import { apiDeps, deps } from '../deps.ts';
import { apiHandler, json } from '../http/api-handler.ts';
import { changeOrgStatus, createOrg, getOrg, inviteMember, listMembers, listOrgs, toOrgView } from './orgs.ts';

const { userPoolId } = config();
// Locally there is no user pool: the dev issuer signs tokens for anyone, so an invitation is recorded only.
const orgDeps = { orgs: apiDeps.orgs, clock: deps.clock, directory: userPoolId ? cognitoMembers(userPoolId) : undefined };

export const handler = apiHandler<'orgs'>(
  {
    'POST /v1/orgs': async ({ body, caller }) => json(201, toOrgView(await createOrg(body, caller, orgDeps))),
    'GET /v1/orgs': async () => json(200, { items: await listOrgs(orgDeps) }),
    'GET /v1/orgs/{id}': async ({ params }) => json(200, toOrgView(await getOrg(params.id, orgDeps))),
    'POST /v1/orgs/{id}/status': async ({ params, body }) => json(200, toOrgView(await changeOrgStatus(params.id, body, orgDeps))),
    'POST /v1/orgs/{id}/members': async ({ params, body, caller }) => json(201, await inviteMember(params.id, body, caller, orgDeps)),
    'GET /v1/orgs/{id}/members': async ({ params }) => json(200, { items: await listMembers(params.id, orgDeps) }),
  },
  apiDeps,
);
