// Wires the real adapters into the dependencies that domain functions take, once per cold start.
import { randomUUID } from 'node:crypto';
import { config } from './config.ts';
import { dynamoAudit } from './adapters/dynamo-audit.ts';
import { dynamoOrgs } from './adapters/dynamo-orgs.ts';
import { dynamoRateCounter } from './adapters/dynamo-rate-counter.ts';
import { dynamoRegistry } from './adapters/dynamo-registry.ts';
import { s3Blobs } from './adapters/s3-blobs.ts';
import { createCallerVerifier } from './http/auth.ts';
import type { Clock, Ids } from './objects/model.ts';

// Each export is built only in the bundles that use it: made by argument-less calls marked pure, so esbuild drops an
// unused one with the SDK client it would have pulled in (a function that never reads the bucket carries no S3 client).
const registry = dynamoRegistry(config().tableName);

export const deps = {
  objects: registry,
  images: registry.images,
  clock: { now: () => new Date() } satisfies Clock,
  ids: { next: () => randomUUID() } satisfies Ids,
};

/** Photos and their links, for the functions that read or write the bucket. */
const bucketBlobs = () => s3Blobs(config().bucketName);
export const blobs = /* @__PURE__ */ bucketBlobs();

function apiDependencies() {
  return {
    verifyCaller: createCallerVerifier(config().jwt),
    audit: dynamoAudit(config().auditTableName),
    orgs: dynamoOrgs(config().tableName),
    counter: dynamoRateCounter(config().rateTableName),
    clock: deps.clock,
  };
}

/** What every API function's handler needs besides its domain: who is calling, and where the audit trail goes. */
export const apiDeps = /* @__PURE__ */ apiDependencies();
