// AWS SDK clients at module scope, so a warm Lambda reuses their connections. Endpoints come from the
// standard AWS_ENDPOINT_URL* variables, which point them at the local emulators.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { config } from '../config.ts';

export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

// Made in a function marked pure (esbuild keeps a pure call whose arguments do something, such as reading the
// config): a bundle that never uses the S3 client leaves it, and its SDK package, out.
const s3Client = () => new S3Client({ forcePathStyle: config().s3ForcePathStyle });
export const s3 = /* @__PURE__ */ s3Client();
