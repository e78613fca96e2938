// HTTP entry point of the objects capability: parse, call the domain, shape the response.
import { deps, apiDeps } from '../deps.ts';
import { apiHandler, bodyless, json } from '../http/api-handler.ts';
import { etagOf, versionFromIfMatch } from '../http/if-match.ts';
import { changeStatus } from './change-status.ts';
import { editObject } from './edit.ts';
import { listObjects, objectHistory, readObject, thumbnailLink } from './read.ts';
import { registerObject } from './register.ts';
import { toView } from './view.ts';

export const handler = apiHandler<'objects'>(
  {
    'POST /v1/objects': async ({ body, caller }) => {
      const object = await registerObject(body, caller, deps);
      return json(201, await toView(object, [], caller, deps), { ...etagOf(object.version), location: `/v1/objects/${object.id}` });
    },
    'GET /v1/objects': async ({ query, caller }) => json(200, await listObjects(query, caller, deps)),
    'GET /v1/objects/{id}': async ({ params, caller }) => {
      const view = await readObject(params.id, caller, deps);
      return json(200, view, etagOf(view.version));
    },
    'PATCH /v1/objects/{id}': async ({ params, body, headers, caller }) => {
      const expected = versionFromIfMatch(headers['if-match'], true);
      const { object, images } = await editObject(params.id, body, expected, caller, deps);
      return json(200, await toView(object, images, caller, deps), etagOf(object.version));
    },
    'POST /v1/objects/{id}/status': async ({ params, body, headers, caller }) => {
      const expected = versionFromIfMatch(headers['if-match'], false);
      const { object, images } = await changeStatus(params.id, body, expected, caller, deps);
      return json(200, await toView(object, images, caller, deps), etagOf(object.version));
    },
    'GET /v1/objects/{id}/thumbnail': async ({ params, caller }) => bodyless(302, { location: await thumbnailLink(params.id, caller, deps) }),
    'GET /v1/objects/{id}/history': async ({ params, caller }) => json(200, await objectHistory(params.id, caller, deps)),
  },
  apiDeps,
);
