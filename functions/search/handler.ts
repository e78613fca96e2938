// HTTP entry point of search: due diligence and field identification by text, attributes and photo.
import { dynamoSearchRecords } from '../adapters/dynamo-certificates.ts';
import { dynamoSightings } from '../adapters/dynamo-sightings.ts';
import { config } from '../config.ts';
import { apiDeps, blobs, deps } from '../deps.ts';
import { apiHandler, json } from '../http/api-handler.ts';
import { registryIndex } from '../matching/index-deps.ts';
import { fingerprintPhoto } from '../matching/photo/fingerprint.ts';
import { searchRegistry } from './search.ts';
import { allowOnlyPhotoDecoders } from '../images/decoders.ts';

// Field photos are untrusted: only the JPEG, PNG and WebP decoders may read them.
allowOnlyPhotoDecoders();

const searchDeps = {
  ...deps,
  blobs,
  index: registryIndex,
  fingerprint: fingerprintPhoto,
  sightings: dynamoSightings(config().tableName),
  orgs: apiDeps.orgs,
  searches: dynamoSearchRecords(config().tableName),
};

export const handler = apiHandler<'search'>(
  {
    'POST /v1/search': async ({ body, caller }) => json(200, await searchRegistry(body, caller, searchDeps)),
  },
  apiDeps,
);
