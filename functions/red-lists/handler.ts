// HTTP entry point of the Red Lists: the categories every sighting and search is checked against.
import { redLists } from '../../schemas/red-lists.ts';
import { apiDeps } from '../deps.ts';
import { apiHandler, json } from '../http/api-handler.ts';

export const handler = apiHandler<'redLists'>({ 'GET /v1/red-lists': async () => json(200, { items: redLists }) }, apiDeps);
