// HTTP entry point for photo uploads: hands out a presigned POST for one photo of an object.
import { deps, verifyCaller } from '../deps.ts';
import { apiHandler, json } from '../http/api-handler.ts';
import { requestImageUpload } from './request-upload.ts';

export const handler = apiHandler<'imageUploads'>(
  {
    'POST /v1/objects/{id}/images': async ({ params, body, caller }) =>
      json(201, await requestImageUpload({ objectId: params.id, ...body }, caller, deps)),
  },
  verifyCaller,
);
