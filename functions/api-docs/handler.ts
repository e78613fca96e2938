// Serves the generated OpenAPI document.
import { apiDeps } from '../deps.ts';
import { apiHandler, json } from '../http/api-handler.ts';
import { openApiDocument } from './openapi.ts';

const document = openApiDocument();

export const handler = apiHandler<'apiDocs'>({ 'GET /v1/openapi.json': async () => json(200, document) }, apiDeps);
