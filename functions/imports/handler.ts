// HTTP entry point of bulk import: one batch of rows from a file per request.
import { deps, apiDeps } from '../deps.ts';
import { apiHandler, json } from '../http/api-handler.ts';
import { importBatch } from './import-batch.ts';

export const handler = apiHandler<'imports'>({ 'POST /v1/imports': async ({ body, caller }) => json(200, await importBatch(body, caller, deps)) }, apiDeps);
