// HTTP entry point of bulk import: a batch of rows read from a file, or a small file whole.
import { deps, apiDeps } from '../deps.ts';
import { apiHandler, json } from '../http/api-handler.ts';
import { importRequest } from './import-request.ts';

export const handler = apiHandler<'imports'>({ 'POST /v1/imports': async ({ body, caller }) => json(200, await importRequest(body, caller, deps)) }, apiDeps);
