// HTTP entry point of sightings: report one, read it with its matches, review a match.
import { dynamoSightings } from '../adapters/dynamo-sightings.ts';
import { config } from '../config.ts';
import { deps, apiDeps } from '../deps.ts';
import { apiHandler, json } from '../http/api-handler.ts';
import { matchView, readSighting } from './read.ts';
import { reportSighting } from './report.ts';
import { reviewMatch } from './review.ts';

const sightingDeps = { ...deps, sightings: dynamoSightings(config().tableName) };

export const handler = apiHandler<'sightings'>(
  {
    'POST /v1/sightings': async ({ body, caller }) => {
      const sighting = await reportSighting(body, caller, sightingDeps);
      return json(202, { id: sighting.id, status: sighting.status, redLists: sighting.redLists ?? [] }, { location: `/v1/sightings/${sighting.id}` });
    },
    'GET /v1/sightings/{id}': async ({ params, caller }) => json(200, await readSighting(params.id, caller, sightingDeps)),
    'POST /v1/matches/{id}/review': async ({ params, body, caller }) =>
      json(200, matchView(await reviewMatch(params.id, body, caller, sightingDeps), caller)),
  },
  apiDeps,
);
