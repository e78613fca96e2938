// Parses the environment once at cold start: a missing variable fails the function at init, not mid-request.
import * as z from 'zod';
import { env } from '../infra/resources.ts';

const Config = z.object({
  [env.table]: z.string().min(1),
  [env.auditTable]: z.string().min(1),
  [env.rateTable]: z.string().min(1),
  [env.bucket]: z.string().min(1),
  [env.jwtIssuer]: z.url(),
  [env.jwtAudience]: z.string().min(1),
  [env.jwksUri]: z.url(),
  [env.alertsTopic]: z.string().min(1),
  // Only the functions that need these get them (see infra/api-stack.ts); each reads it through config().
  [env.apiUrl]: z.url().optional(),
  [env.consoleUrl]: z.url().optional(),
  [env.alertDeliveryFunction]: z.string().min(1).optional(),
  // With five attempts, a minute doubled covers a receiver down for a quarter of an hour (1 + 2 + 4 + 8 minutes).
  [env.webhookRetryBaseSeconds]: z.coerce.number().int().min(1).max(3600).default(60),
  [env.allowLoopbackWebhooks]: z.enum(['true', 'false']).default('false'),
  [env.allowLoopbackFeeds]: z.enum(['true', 'false']).default('false'),
  [env.feedScheduleGroup]: z.string().min(1).optional(),
  [env.feedFetchFunction]: z.string().min(1).optional(),
  [env.feedSchedulerRole]: z.string().min(1).optional(),
  [env.lotQueueUrl]: z.string().min(1).optional(),
  [env.userPoolId]: z.string().min(1).optional(),
  [env.signingKeyId]: z.string().min(1).optional(),
  [env.localSigningKeyFile]: z.string().min(1).optional(),
  AWS_ENDPOINT_URL: z.url().optional(),
  AWS_ENDPOINT_URL_S3: z.url().optional(),
});

let parsed: ReturnType<typeof read> | undefined;

function read() {
  const values = Config.parse(process.env);
  return {
    tableName: values[env.table],
    auditTableName: values[env.auditTable],
    rateTableName: values[env.rateTable],
    bucketName: values[env.bucket],
    jwt: { issuer: values[env.jwtIssuer], audience: values[env.jwtAudience], jwksUri: values[env.jwksUri] },
    alertsTopicArn: values[env.alertsTopic],
    apiUrl: values[env.apiUrl]?.replace(/\/+$/, ''),
    consoleUrl: values[env.consoleUrl]?.replace(/\/+$/, ''),
    alertDeliveryFunction: values[env.alertDeliveryFunction],
    webhookRetryBaseSeconds: values[env.webhookRetryBaseSeconds],
    allowLoopbackWebhooks: values[env.allowLoopbackWebhooks] === 'true',
    allowLoopbackFeeds: values[env.allowLoopbackFeeds] === 'true',
    feeds: {
      scheduleGroup: values[env.feedScheduleGroup],
      fetchFunction: values[env.feedFetchFunction],
      schedulerRoleArn: values[env.feedSchedulerRole],
      lotQueueUrl: values[env.lotQueueUrl],
    },
    userPoolId: values[env.userPoolId],
    signingKeyId: values[env.signingKeyId],
    localSigningKeyFile: values[env.localSigningKeyFile],
    // Emulators serve S3 on one host name, so buckets go in the path instead of the host.
    s3ForcePathStyle: Boolean(values.AWS_ENDPOINT_URL_S3 ?? values.AWS_ENDPOINT_URL),
  };
}

export function config() {
  parsed ??= read();
  return parsed;
}
