// HTTP entry point of sightings: report one, read it with its matches, list an object's matches, review a match.
import { dynamoSightings } from '../adapters/dynamo-sightings.ts';
import { config } from '../config.ts';
import { apiDeps, blobs, deps } from '../deps.ts';
import { apiHandler, json } from '../http/api-handler.ts';
import { idempotencyKeyFrom } from '../http/idempotency-key.ts';
import { objectMatches } from './object-matches.ts';
import { matchView, readSighting } from './read.ts';
import { reportSighting } from './report.ts';
import { reviewMatch } from './review.ts';

const sightingDeps = { ...deps, blobs, sightings: dynamoSightings(config().tableName) };

export const handler = apiHandler<'sightings'>(
  {
    'POST /v1/sightings': async ({ body, headers, caller }) => {
      const accepted = await reportSighting(body, caller, sightingDeps, idempotencyKeyFrom(headers['idempotency-key']));
      return json(202, accepted, { location: `/v1/sightings/${accepted.id}` });
    },
    'GET /v1/sightings/{id}': async ({ params, caller }) => json(200, await readSighting(params.id, caller, sightingDeps)),
    'GET /v1/objects/{id}/matches': async ({ params, query, caller }) => json(200, await objectMatches(params.id, query, caller, sightingDeps)),
    'POST /v1/matches/{id}/review': async ({ params, body, caller }) =>
      json(200, matchView(await reviewMatch(params.id, body, caller, sightingDeps), caller)),
  },
  apiDeps,
);
