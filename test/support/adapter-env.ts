// For tests that call an adapter directly: its shared AWS clients read their endpoint and credentials from the
// environment when they load, and config() needs the registry's variables to exist (not to be reachable).
import { env } from '../../infra/resources.ts';

export function adapterEnvironment(dynamoEndpoint: string): void {
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  for (const name of [env.table, env.auditTable, env.rateTable, env.bucket, env.jwtAudience]) process.env[name] ??= 'unused';
  process.env[env.alertsTopic] ??= 'arn:aws:sns:us-east-1:000000000000:unused';
  process.env[env.jwtIssuer] ??= 'http://127.0.0.1/unused';
  process.env[env.jwksUri] ??= 'http://127.0.0.1/unused/jwks.json';
}
