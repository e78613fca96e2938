// HTTP entry point of the objects capability: parse, call the domain, shape the response.
import { config } from '../config.ts';
import { apiDeps, blobs, deps } from '../deps.ts';
import { apiHandler, bodyless, formatted, json } from '../http/api-handler.ts';
import { etagOf, versionFromIfMatch } from '../http/if-match.ts';
import { toLinkedArt } from '../interchange/jsonld.ts';
import { toLido } from '../interchange/lido.ts';
import { changeStatus } from './change-status.ts';
import { editObject } from './edit.ts';
import { listObjects, objectHistory, readObject, thumbnailLink } from './read.ts';
import { registerObject } from './register.ts';
import { toView } from './view.ts';

const { apiUrl } = config();
// Exported records name themselves by their URL in this API.
if (!apiUrl) throw new Error('API_URL is not set: exported records need it for their links');
const objectDeps = { ...deps, blobs };

export const handler = apiHandler<'objects'>(
  {
    'POST /v1/objects': async ({ body, caller }) => {
      const object = await registerObject(body, caller, objectDeps);
      return json(201, await toView(object, [], caller, objectDeps), { ...etagOf(object.version), location: `/v1/objects/${object.id}` });
    },
    'GET /v1/objects': async ({ query, caller }) => json(200, await listObjects(query, caller, objectDeps)),
    'GET /v1/objects/{id}': async ({ params, query, caller }) => {
      const view = await readObject(params.id, caller, objectDeps);
      const etag = etagOf(view.version);
      if (query.format === 'lido') return formatted(200, toLido([view], apiUrl), 'application/xml; charset=utf-8', etag);
      if (query.format === 'jsonld') return formatted(200, JSON.stringify(toLinkedArt(view, apiUrl)), 'application/ld+json', etag);
      return json(200, view, etag);
    },
    'PATCH /v1/objects/{id}': async ({ params, body, headers, caller }) => {
      const expected = versionFromIfMatch(headers['if-match'], true);
      const { object, images } = await editObject(params.id, body, expected, caller, objectDeps);
      return json(200, await toView(object, images, caller, objectDeps), etagOf(object.version));
    },
    'POST /v1/objects/{id}/status': async ({ params, body, headers, caller }) => {
      const expected = versionFromIfMatch(headers['if-match'], false);
      const { object, images } = await changeStatus(params.id, body, expected, caller, objectDeps);
      return json(200, await toView(object, images, caller, objectDeps), etagOf(object.version));
    },
    'GET /v1/objects/{id}/thumbnail': async ({ params, caller }) => bodyless(302, { location: await thumbnailLink(params.id, caller, objectDeps) }),
    'GET /v1/objects/{id}/history': async ({ params, caller }) => json(200, await objectHistory(params.id, caller, objectDeps)),
  },
  apiDeps,
);
