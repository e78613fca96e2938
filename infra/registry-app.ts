// Builds the registry's CDK app (both stacks, tags and cdk-nag) without synthesising it, so tests can inspect it.
import { App, type AppProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiStack } from './api-stack.ts';
import { DataStack } from './data-stack.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RegistryApp {
  app: App;
  data: DataStack;
  api: ApiStack;
}

export function buildApp(props: AppProps = {}): RegistryApp {
  const app = new App(props);

  // The console's origins (-c webOrigins=https://console.example.org): no browser origin may call until they are set.
  const webOrigins = listContext(app, 'webOrigins', []);
  const callbackUrls = listContext(app, 'authCallbackUrls', ['http://localhost:5173/']);
  // Must be unique across AWS in the region: -c authDomainPrefix=my-registry.
  const authDomainPrefix: string = app.node.tryGetContext('authDomainPrefix') ?? 'stolen-object-registry';

  // Environment-agnostic: nothing needs a lookup at synth time, so one template deploys to any account and region.
  const data = new DataStack(app, 'RegistryData', {
    description: 'Stolen-object registry: table, image bucket, alerts topic and user pool',
    webOrigins,
    callbackUrls,
    authDomainPrefix,
  });
  const api = new ApiStack(app, 'RegistryApi', {
    description: 'Stolen-object registry: functions, HTTP API and event sources',
    repoRoot,
    table: data.table,
    auditTable: data.auditTable,
    rateTable: data.rateTable,
    userPool: data.identity.userPool,
    bucket: data.bucket,
    alertsTopic: data.alertsTopic,
    signingKey: data.signingKey,
    issuer: data.identity.issuer,
    jwksUri: data.identity.jwksUri,
    audience: data.identity.client.userPoolClientId,
    webOrigins,
    consoleSite: data.consoleSite,
    signIn: { domain: data.identity.signInDomain, clientId: data.identity.client.userPoolClientId },
  });

  Tags.of(app).add('project', 'stolen-object-registry');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, data, api };
}

/** A list from context: a JSON array in cdk.json, or a comma-separated string from `-c key=a,b`. */
function listContext(app: App, key: string, fallback: string[]): string[] {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined) return fallback;
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
