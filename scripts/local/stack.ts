// The whole system on one machine: emulators, resources, the dev token issuer, the HTTP API and event delivery.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { env } from '../../infra/resources.ts';
import { functions, subscriptionQueueSource, type FunctionName } from '../../infra/wiring.ts';
import { layOutBundles } from './bundles.ts';
import { startDevIssuer, type DevIssuer } from './dev-issuer.ts';
import { registerForDev } from './dev-orgs.ts';
import { startEmulators } from './emulators.ts';
import { deliverEmails } from './email-delivery.ts';
import { createHttpApi } from './http-api.ts';
import { serveEventSourceMappings } from './lambda-api.ts';
import { loadFunctions } from './lambda.ts';
import { provision } from './provision.ts';
import { pollerClient } from './queue-sources.ts';
import { serveConsole } from './console-files.ts';
import { deliverS3Notifications } from './s3-notifications.ts';
import { startS3BrowserCors } from './s3-browser-cors.ts';
import { runSchedules } from './schedules.ts';
import { serveScheduler } from './scheduler-api.ts';
import { provisionDeclaredQueues } from './declared-queues.ts';
import { serveInvocations } from './lambda-invoke.ts';
import { feedTableStreams } from './table-streams.ts';

export interface LocalStackOptions {
  port: number;
  dataDir: string;
  dynamoPort: number;
  fauxqsPort: number;
  log?: (line: string) => void;
  /** Run each function from its synthesized bundle in cdk.out, laid out as Lambda lays it out, not from its sources. */
  bundled?: boolean;
}

export interface LocalStack {
  url: string;
  issuer: DevIssuer;
  stop(): Promise<void>;
}

const projectRoot = resolve(import.meta.dirname, '../..');

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });

  const emulators = await startEmulators({ dataDir, dynamoPort: options.dynamoPort, fauxqsPort: options.fauxqsPort });
  const resources = await provision({ dynamo: emulators.dynamoEndpoint, aws: emulators.awsEndpoint });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const issuer = await startDevIssuer({ dataDir, baseUrl });
  const alertDelivery = subscriptionQueueSource().fn;
  // The console is served on the API's own origin, under either name of the loopback address.
  let apiPort = options.port;
  const isConsoleOrigin = (origin: string) => origin === `http://127.0.0.1:${apiPort}` || origin === `http://localhost:${apiPort}`;
  const s3ForBrowsers = await startS3BrowserCors({ target: emulators.awsEndpoint, allowOrigin: isConsoleOrigin });

  // The functions read their configuration from the environment at load time, exactly as in Lambda.
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL: emulators.awsEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamoEndpoint,
    // Presigned uploads and photo links go through the bucket's CORS rule, which the emulator lacks.
    AWS_ENDPOINT_URL_S3: s3ForBrowsers.url,
    [env.table]: resources.tableName,
    [env.auditTable]: resources.auditTableName,
    [env.rateTable]: resources.rateTableName,
    [env.bucket]: resources.bucketName,
    [env.alertsTopic]: resources.alertsTopicArn,
    [env.jwtIssuer]: issuer.issuer,
    [env.jwtAudience]: issuer.audience,
    [env.jwksUri]: issuer.jwksUri,
    [env.apiUrl]: baseUrl,
    // The console is served on the API's own port here (scripts/local/console-files.ts).
    [env.consoleUrl]: baseUrl,
    // The functions' LambdaClient reaches the event source mappings served below, on the API's own server.
    AWS_ENDPOINT_URL_LAMBDA: baseUrl,
    [env.alertDeliveryFunction]: alertDelivery,
    [env.allowLoopbackWebhooks]: 'true',
    // Tests serve their market feeds on 127.0.0.1; the deployed stack never sets this.
    [env.allowLoopbackFeeds]: 'true',
    // In the data folder, so that certificates issued before a restart still verify after it.
    [env.localSigningKeyFile]: join(dataDir, 'certificate-signing-key.pem'),
    POWERTOOLS_SERVICE_NAME: 'registry',
  });
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  // Short, so that retries show within a local session; set it before `npm start` to try another.
  process.env[env.webhookRetryBaseSeconds] ??= '1';
  const bundles = options.bundled ? layOutBundles() : undefined;
  const invoke = loadFunctions(projectRoot, functions, bundles?.entries);

  const sqs = new SQSClient({ endpoint: emulators.awsEndpoint, region: 'us-east-1' });
  const deadLetter = async (fn: FunctionName, failure: Record<string, unknown>) => {
    log(`${fn}: retries exhausted, sent to ${fn}-failures`);
    await sqs.send(new SendMessageCommand({ QueueUrl: resources.failureQueueUrls.get(fn), MessageBody: JSON.stringify(failure) }));
  };
  // Market screening: the feeds' schedules (the Scheduler API on a port of its own) and the lot queue. Their settings
  // join the environment before any function loads.
  const declaredQueues = await provisionDeclaredQueues(sqs, resources.failureQueueUrls);
  const scheduler = await serveScheduler({ dataDir, log });
  Object.assign(process.env, scheduler.environment, declaredQueues.environment);

  const notifications = deliverS3Notifications({
    fauxqs: emulators.fauxqs,
    bucketName: resources.bucketName,
    endpoint: emulators.awsEndpoint,
    invoke,
    onFailure: (error, key) =>
      deadLetter('imageProcessor', { key, error: String(error) }).catch((failure: unknown) => log(`dead-lettering ${key} failed: ${String(failure)}`)),
  });
  const streams = feedTableStreams({ endpoint: emulators.dynamoEndpoint, tableName: resources.tableName, dataDir, invoke, deadLetter, log });
  const schedules = runSchedules(invoke, log);
  const emails = deliverEmails({ fauxqs: emulators.fauxqs, topicArn: resources.alertsTopicArn, endpoint: emulators.awsEndpoint, dataDir, log });
  const pollerSqs = pollerClient(emulators.awsEndpoint);
  const mappings = await serveEventSourceMappings({ dataDir, sqs: pollerSqs, invoke, log });
  const invocations = serveInvocations(invoke, log);
  const queuePollers = declaredQueues.poll(pollerSqs, invoke, log);
  scheduler.start(invoke);

  // Loaded once the environment above is set: the adapter reads its configuration when it loads.
  const { dynamoOrgs } = await import('../../functions/adapters/dynamo-orgs.ts');
  const orgs = dynamoOrgs(resources.tableName);
  const registeringIssuer: DevIssuer = {
    ...issuer,
    issue: async (caller) => {
      await registerForDev(caller, orgs, new Date());
      return issuer.issue(caller);
    },
  };

  const pending = new Set<Promise<unknown>>();
  const server = createHttpApi(
    invoke,
    registeringIssuer,
    (request) => {
      pending.add(request);
      void request.finally(() => pending.delete(request));
    },
    (request, response) => (invocations.handles(request) ? invocations.handle(request, response) : mappings.handle(request, response)),
    serveConsole(join(projectRoot, 'web', 'dist'), () => [s3ForBrowsers.url]),
  );
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', ready);
  });
  const { port } = server.address() as AddressInfo;
  apiPort = port;

  return {
    url: `http://127.0.0.1:${port}`,
    issuer: registeringIssuer,
    async stop() {
      await new Promise((closed) => {
        server.close(closed);
        server.closeAllConnections();
      });
      await Promise.allSettled([...pending]);
      await mappings.stop();
      await scheduler.stop();
      await queuePollers.stop();
      await invocations.stop();
      await emails.stop();
      await notifications.stop();
      await schedules.stop();
      await streams.stop();
      sqs.destroy();
      pollerSqs.destroy();
      await s3ForBrowsers.stop();
      await emulators.stop();
      if (bundles) await rm(bundles.root, { recursive: true, force: true });
    },
  };
}
