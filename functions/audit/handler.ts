// HTTP entry point of the audit trail.
import { apiDeps, deps } from '../deps.ts';
import { apiHandler, json } from '../http/api-handler.ts';
import { readAudit } from './read.ts';

const auditDeps = { audit: apiDeps.audit, objects: deps.objects };

export const handler = apiHandler<'audit'>({ 'GET /v1/audit': async ({ query, caller }) => json(200, await readAudit(query, caller, auditDeps)) }, apiDeps);
