// HTTP entry point for photo uploads: hands out a presigned POST for one photo of an object.
import { s3UploadGrants } from '../adapters/s3-upload-grants.ts';
import { config } from '../config.ts';
import { deps, apiDeps } from '../deps.ts';
import { apiHandler, json } from '../http/api-handler.ts';
import { requestImageUpload, requestQueryUpload } from './request-upload.ts';

// Built here rather than in deps.ts so that only this function's bundle carries the presigned-POST code.
const uploads = s3UploadGrants(config().bucketName);

export const handler = apiHandler<'imageUploads'>(
  {
    'POST /v1/objects/{id}/images': async ({ params, body, caller }) =>
      json(201, await requestImageUpload({ objectId: params.id, ...body }, caller, { ...deps, uploads })),
    'POST /v1/uploads': async ({ body, caller }) => json(201, await requestQueryUpload(body, caller, { ...deps, uploads })),
  },
  apiDeps,
);
