// The stateless stack: one function per declaration, the HTTP API routes and the event sources, all read from wiring.ts.
import {
  ArnFormat,
  AssetHashType,
  DockerImage,
  CfnOutput,
  CfnResource,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  type CorsPreflightOptions,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, FilterCriteria, LayerVersion, Runtime, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket, EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import { cors } from '../functions/http/security-headers.ts';
import { OperationsAlarms } from './alarms.ts';
import { consoleOrigins } from './console-origins.ts';
import { type ConsoleSite, deployConsole } from './console-site.ts';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { imageLibModules, imageLibsLayer, layerKey } from './image-libs-layer.ts';
import { type Grantables, RegistryFunction, subscriptionQueueArns } from './function.ts';
import { alertQueues, env, feedSchedules, readablePrefixes } from './resources.ts';
import {
  eventSources,
  functions,
  routes,
  type EventSource,
  type FeedSchedulesSource,
  type FunctionDecl,
  type FunctionName,
  type QueueSource,
  type ScheduleSource,
  type SubscriptionQueueSource,
  type TableStreamSource,
  subscriptionQueueSource,
} from './wiring.ts';

export interface ApiStackProps extends StackProps {
  repoRoot: string;
  /** The table with its stream ARN (the data stack's Table has it): table-stream sources map onto the stream. */
  table: ITable;
  auditTable: ITable;
  /** The request counters of the rate limits, which every API function updates. */
  rateTable: ITable;
  /** Where admins invite the members of organisations. */
  userPool: IUserPool;
  bucket: IBucket;
  alertsTopic: ITopic;
  /** The KMS key that signs certificates. */
  signingKey: IKey;
  /** Cognito issuer URL and the app client id the tokens are issued to. */
  issuer: string;
  jwksUri: string;
  audience: string;
  /** Browser origins allowed to call the API, besides the console's own. */
  webOrigins: string[];
  /** The console's bucket and CloudFront origin: this stack uploads the build with the API's address. */
  consoleSite: ConsoleSite;
  /** The hosted sign-in page's host and the app client id, for the console's config.json. */
  signIn: { domain: string; clientId: string };
}

/**
 * The functions that load the image libraries: sharp loads native code, and OpenCV's 11 MB WebAssembly build is
 * required at run time (functions/matching/photo/local-features.ts). They stay out of these functions' bundles and
 * come from one layer that synth builds for linux-arm64 from the lock file (infra/image-libs-layer.ts): esbuild on
 * this x64 host cannot bundle a native module, and Docker bundling is not available.
 */
const imageLibFunctions: ReadonlySet<FunctionName> = new Set<FunctionName>(['imageProcessor', 'search', 'matcher', 'feedLots']);

export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions: Record<FunctionName, RegistryFunction>;
  readonly alarms: OperationsAlarms;
  private readonly failureQueues = new Map<FunctionName, Queue>();

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    // Strong references are exports CloudFormation will not delete while this stack imports them: the data stack
    // cannot lose a table, bucket, topic or pool the functions still use.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);

    // The API itself before the functions: they get its URL, and only its routes (made after them) depend on them.
    this.api = this.httpApi(props);

    const environment = {
      [env.table]: props.table.tableName,
      [env.auditTable]: props.auditTable.tableName,
      [env.rateTable]: props.rateTable.tableName,
      [env.bucket]: props.bucket.bucketName,
      [env.alertsTopic]: props.alertsTopic.topicArn,
      [env.jwtIssuer]: props.issuer,
      [env.jwtAudience]: props.audience,
      [env.jwksUri]: props.jwksUri,
      // The $default stage is served at the API's endpoint, without a trailing slash: links are `${API_URL}/v1/...`.
      [env.apiUrl]: this.api.apiEndpoint,
      POWERTOOLS_SERVICE_NAME: 'registry',
      NODE_OPTIONS: '--enable-source-maps',
    };
    const imageLibsLayer = this.imageLibsLayer(props.repoRoot);

    const asyncFunctions = new Set<FunctionName>(
      eventSources.filter(invokesAsynchronously).map((source) => source.fn),
    );

    const resources: Grantables = {
      table: props.table,
      auditTable: props.auditTable,
      userPool: props.userPool,
      bucket: props.bucket,
      alertsTopic: props.alertsTopic,
      signingKey: props.signingKey,
    };
    const built = {} as Record<FunctionName, RegistryFunction>;
    for (const [name, decl] of Object.entries(functions) as [FunctionName, FunctionDecl][]) {
      built[name] = new RegistryFunction(this, fnId(name), {
        decl,
        repoRoot: props.repoRoot,
        resources,
        environment,
        layered: imageLibFunctions.has(name) ? { modules: [...imageLibModules], layers: [imageLibsLayer] } : undefined,
        onFailure: asyncFunctions.has(name) ? new SqsDestination(this.failureQueueOf(name)) : undefined,
      });
      acknowledgeGrantWildcards(built[name], decl, resources);
    }
    this.functions = built;
    // GET / on the API's own origin points programs to the console, which CloudFront serves on another origin.
    built.fallback.fn.addEnvironment(env.consoleUrl, props.consoleSite.origin);
    // Every function behind a route counts its callers' requests (the rate limits of infra/throttles.ts), and does
    // nothing else with the counters.
    for (const name of new Set(routes.map((route) => route.fn))) props.rateTable.grant(built[name].role, 'dynamodb:UpdateItem');

    this.addRoutes(this.api, props);

    // Imported by name so that the notification lives in this stack. Adding it to the data stack's bucket would
    // make the data stack depend on these functions while they already depend on it (a cycle); the import makes
    // CDK manage the notification with a custom resource here, which merges into the bucket's configuration.
    const bucketRef = Bucket.fromBucketName(this, 'ImagesRef', props.bucket.bucketName);
    for (const source of eventSources) {
      switch (source.kind) {
        case 's3':
          bucketRef.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(built[source.fn].fn), {
            prefix: source.prefix,
          });
          break;
        case 'table-stream':
          this.tableStream(source, props.table);
          break;
        case 'schedule':
          this.schedule(source);
          break;
        case 'subscription-queues':
          this.subscriptionQueues(source);
          break;
        case 'feed-schedules':
          this.feedSchedules(source);
          break;
        case 'queue':
          this.queue(source);
          break;
        default:
          source satisfies never;
      }
    }
    acknowledgeNotificationsHandler(this);
    deployConsole(this, props.consoleSite, join(props.repoRoot, 'web', 'dist'), {
      apiUrl: this.api.apiEndpoint,
      signIn: { kind: 'cognito', ...props.signIn },
    });
    acknowledgeDeploymentHandler(this, props.consoleSite);

    const fnOf = (name: FunctionName) => built[name].fn;
    this.alarms = new OperationsAlarms(this, 'Operations', {
      failureQueues: this.failureQueues,
      streamConsumers: Object.fromEntries(eventSources.filter((s) => s.kind === 'table-stream').map((s) => [s.fn, fnOf(s.fn)])),
      webhookDelivery: fnOf(subscriptionQueueSource().fn),
      api: this.api,
      opsEmail: this.node.tryGetContext('opsEmail'),
    });
  }

  /**
   * The image-library layer as an asset of this app, built during synth (node_modules/.cache keeps it between runs).
   * Its hash is that of the locked versions, so a synth that skips bundling (the stack's unit tests) names the same
   * asset without building it.
   */
  private imageLibsLayer(repoRoot: string): LayerVersion {
    return new LayerVersion(this, 'ImageLibs', {
      description: `sharp with libvips for linux-arm64 and OpenCV's WebAssembly build, as package-lock.json locks them`,
      compatibleRuntimes: [Runtime.NODEJS_24_X],
      compatibleArchitectures: [Architecture.ARM_64],
      code: Code.fromAsset(join(repoRoot, 'infra'), {
        assetHashType: AssetHashType.CUSTOM,
        assetHash: layerKey('arm64'),
        bundling: {
          // Never pulled: local bundling always succeeds, or fails synth with the reason.
          image: DockerImage.fromRegistry('local-bundling-only'),
          local: {
            tryBundle(outputDir: string) {
              cpSync(imageLibsLayer('arm64'), outputDir, { recursive: true });
              return true;
            },
          },
        },
      }),
    });
  }

  /**
   * Stream records in batches; a failing batch is halved until the failing record is found, which is retried up to
   * its declared attempts and then sent (as a pointer to the record) to the function's failure queue.
   */
  private tableStream(source: TableStreamSource, table: ITable): void {
    const { fn, role } = this.functions[source.fn];
    fn.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: source.batchSize,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: source.maxAttempts - 1,
        // The stream keeps records for 24 hours; older ones could not be read again anyway.
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(this.failureQueueOf(source.fn)),
        filters: source.filters.map((pattern) => FilterCriteria.filter(pattern)),
      }),
    );
    // The grant the event source makes: the stream's records are scoped to the one stream, but listing streams is not.
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams, which IAM allows on * only; reading records is scoped to the one table stream.',
    });
  }

  /**
   * A rate rule, free while idle. Errors in the function follow its asynchronous retries and failure queue; events
   * EventBridge cannot deliver at all go to the same queue.
   */
  private schedule(source: ScheduleSource): void {
    const rule = new Rule(this, `${fnId(source.fn)}Schedule`, {
      description: `Runs ${source.fn} every ${source.everyMinutes} minutes (infra/wiring.ts)`,
      schedule: Schedule.rate(Duration.minutes(source.everyMinutes)),
    });
    rule.addTarget(
      new LambdaFunction(this.functions[source.fn].fn, {
        retryAttempts: 2,
        deadLetterQueue: this.failureQueueOf(source.fn),
      }),
    );
  }

  /**
   * The queues and their event source mappings are made at run time, one per webhook subscription, by the managing
   * function: it learns which function to map them onto from its environment and may map them onto that one only.
   * The consumer's own role already lets it receive from them (subscriptionQueues: 'consume' in its declaration),
   * which Lambda checks when the mapping is created.
   */
  private subscriptionQueues(source: SubscriptionQueueSource): void {
    const consumer = this.functions[source.fn].fn;
    const manager = this.functions[source.managedBy];
    manager.fn.addEnvironment(env.alertDeliveryFunction, consumer.functionArn);
    const mappedOntoConsumer = { StringEquals: { 'lambda:FunctionArn': consumer.functionArn } };
    manager.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['lambda:CreateEventSourceMapping'],
        // CreateEventSourceMapping names no resource IAM can scope it by; the condition is what limits it.
        resources: ['*'],
        conditions: mappedOntoConsumer,
      }),
    );
    const mappings = this.formatArn({
      service: 'lambda',
      resource: 'event-source-mapping',
      resourceName: '*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    manager.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:DeleteEventSourceMapping'], resources: [mappings], conditions: mappedOntoConsumer }),
    );
    manager.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:GetEventSourceMapping'], resources: [mappings] }));
    Validations.of(manager.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: `lambda:CreateEventSourceMapping, which IAM allows on * only; a condition limits it to mappings onto ${source.fn}.`,
    });
    Validations.of(manager.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagText(this, mappings)}]`,
      reason: `Mapping ids (UUIDs) are made at run time; deleting one is limited by condition to mappings onto ${source.fn}, reading one shows its configuration and state only.`,
    });
  }

  /**
   * The group of the feeds' schedules, the role they run with (it may invoke the fetch function, nothing else), and
   * what the managing function needs to keep one schedule per feed in that group and to start a run itself.
   */
  private feedSchedules(source: FeedSchedulesSource): void {
    const target = this.functions[source.fn].fn;
    const manager = this.functions[source.managedBy];
    const group = new ScheduleGroup(this, 'FeedScheduleGroup', { scheduleGroupName: source.group });
    const schedulerRole = new Role(this, 'FeedSchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
      description: `Lets the feeds' schedules (group ${source.group}) invoke ${source.fn}`,
    });
    target.grantInvoke(schedulerRole);
    // A run started by hand: the managing function invokes the fetch function itself, asynchronously.
    target.grantInvoke(manager.role);
    const schedules = this.formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${source.group}/${feedSchedules.namePrefix}*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    manager.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'],
        resources: [schedules],
      }),
    );
    manager.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    manager.fn.addEnvironment(env.feedScheduleGroup, group.scheduleGroupName);
    manager.fn.addEnvironment(env.feedFetchFunction, target.functionArn);
    manager.fn.addEnvironment(env.feedSchedulerRole, schedulerRole.roleArn);
    const invokeVersions = `Resource::<${Stack.of(this).getLogicalId(target.node.defaultChild as CfnResource)}.Arn>:*`;
    for (const role of [schedulerRole, manager.role]) {
      Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${invokeVersions}]`, reason: `grantInvoke: ${source.fn} and its versions, that one function only.` });
    }
    Validations.of(manager.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagText(this, schedules)}]`,
      reason: `Each feed's schedule is made at run time as ${feedSchedules.namePrefix}<feed id>; the wildcard covers those names in the group ${source.group} only.`,
    });
  }

  /**
   * A declared queue drained by its function in batches with partial failures; a message received maxAttempts times
   * goes to the function's failure queue, which the operations alarms watch.
   */
  private queue(source: QueueSource): void {
    const consumer = this.functions[source.fn];
    const queue = new Queue(this, `${fnId(source.fn)}Queue`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Lambda needs a message hidden for longer than the function may run; six times is AWS's advice.
      visibilityTimeout: Duration.seconds(functions[source.fn].timeoutSeconds * 6),
      deadLetterQueue: { queue: this.failureQueueOf(source.fn), maxReceiveCount: source.maxAttempts },
    });
    consumer.fn.addEventSource(new SqsEventSource(queue, { batchSize: source.batchSize, reportBatchItemFailures: true }));
    for (const producer of source.producers) {
      queue.grantSendMessages(this.functions[producer].role);
      this.functions[producer].fn.addEnvironment(source.urlEnv, queue.queueUrl);
    }
  }

  /** One failure queue per function, shared by all of its event sources. */
  private failureQueueOf(name: FunctionName): Queue {
    const existing = this.failureQueues.get(name);
    if (existing) return existing;
    const queue = new Queue(this, `${fnId(name)}Failures`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination for failed invocations and stream records.',
    });
    this.failureQueues.set(name, queue);
    return queue;
  }

  /** The API and its stage: nothing here depends on a function, so functions may be given its URL. */
  private httpApi(props: ApiStackProps): HttpApi {
    const api = new HttpApi(this, 'HttpApi', {
      apiName: 'stolen-object-registry',
      createDefaultStage: false,
      // Answered by API Gateway itself, so browsers' preflights never reach the fallback's 405.
      corsPreflight: consoleCors(this, props.webOrigins, [props.consoleSite.origin]),
    });

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH });
    const stage = api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // Caps what a runaway client can cost a small museum; raise per deployment if needed.
      throttle: { burstLimit: 100, rateLimit: 50 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            responseLength: '$context.responseLength',
            caller: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    new CfnOutput(this, 'ApiUrl', { value: stage.url });
    return api;
  }

  /** One route per declared route, each integrated with its function, and the fallback for everything else. */
  private addRoutes(api: HttpApi, props: ApiStackProps): void {
    const authorizer = new HttpJwtAuthorizer('Cognito', props.issuer, { jwtAudience: [props.audience] });
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationFor = (name: FunctionName) => {
      let integration = integrations.get(name);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${fnId(name)}Integration`, this.functions[name].fn);
        integrations.set(name, integration);
      }
      return integration;
    };

    for (const route of routes) {
      const isPublic = 'auth' in route && route.auth === 'none';
      const [created] = api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationFor(route.fn),
        authorizer: isPublic ? undefined : authorizer,
      });
      if (isPublic && created) {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by declaration (auth: 'none' in infra/wiring.ts).`,
        });
      }
    }

    const fallback = new HttpRoute(this, 'FallbackRoute', {
      httpApi: api,
      routeKey: HttpRouteKey.DEFAULT,
      integration: integrationFor('fallback'),
    });
    Validations.of(fallback).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'The $default route only answers 404/405 for undeclared routes and reads no data.',
    });
  }
}

/**
 * S3 notifications and schedules invoke their functions asynchronously: failed events land in the function's failure
 * queue instead of vanishing. Stream functions are invoked synchronously by their event source mapping, which sends
 * what still fails to the same queue (see tableStream). Subscription queues are polled synchronously too, and each has
 * its own dead-letter queue, made with it at run time: their consumer needs no failure queue here.
 */
function invokesAsynchronously(source: EventSource): boolean {
  switch (source.kind) {
    case 's3':
    case 'schedule':
    case 'feed-schedules':
      return true;
    case 'table-stream':
    case 'subscription-queues':
    case 'queue':
      return false;
    default:
      return source satisfies never;
  }
}

/** Construct ids from declaration names: imageProcessor -> ImageProcessor. */
function fnId(name: FunctionName): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The grant helpers scope every statement to the one table or bucket but name action groups, the table's indexes
 * and the bucket's objects with wildcards. cdk-nag 3 wants each finding acknowledged by its exact text, which for
 * a resource of the data stack is the name of the export this stack imports it by.
 */
function acknowledgeGrantWildcards(fn: RegistryFunction, decl: FunctionDecl, resources: Grantables): void {
  const ack = (finding: string, reason: string) =>
    Validations.of(fn.role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  const { table, bucket, alertsTopic, subscriptionQueues } = decl.access;
  if (table) {
    ack(
      `Resource::${nagArn(fn, resources.table, resources.table.tableArn)}/index/*`,
      "Queries the table's secondary indexes; the wildcard covers this one table's indexes only.",
    );
  }
  if (decl.access.audit === 'read') {
    ack(`Resource::${nagArn(fn, resources.auditTable, resources.auditTable.tableArn)}/index/*`, "Queries the audit log's index of people; this one table's indexes only.");
  }
  if (bucket) {
    const objects = 'this one bucket only';
    const bucketArn = nagArn(fn, resources.bucket, resources.bucket.bucketArn);
    if (bucket === 'read') {
      for (const prefix of readablePrefixes) ack(`Resource::${bucketArn}/${prefix}*`, `Object keys are made at runtime; under ${prefix} in ${objects}.`);
    } else {
      ack(`Resource::${bucketArn}/*`, `Object keys are made at runtime; ${objects}.`);
    }
    ack('Action::s3:GetObject*', `grantRead: reads of an object and its tags, version and attributes, ${objects}.`);
    ack('Action::s3:GetBucket*', `grantRead: reads of bucket settings such as location and versioning, ${objects}.`);
    ack('Action::s3:List*', `grantRead: listing of objects and multipart uploads, ${objects}.`);
    if (bucket === 'readWrite') {
      ack('Action::s3:DeleteObject*', `grantReadWrite: deletes of objects and their versions and tags, ${objects}.`);
      ack('Action::s3:Abort*', `grantReadWrite: aborting an unfinished multipart upload, ${objects}.`);
    }
  }
  if (alertsTopic === 'subscribe') {
    ack(
      `Resource::${nagArn(fn, resources.alertsTopic, resources.alertsTopic.topicArn)}:*`,
      'Subscription ARNs (<topic ARN>:<id>) are made when a partner subscribes; the wildcard covers subscriptions of the alerts topic only.',
    );
  }
  if (subscriptionQueues) {
    ack(
      `Resource::${nagText(Stack.of(fn), subscriptionQueueArns(fn))}`,
      `Each subscription's queue and dead-letter queue are made at run time as ${alertQueues.prefix}<id>[${alertQueues.deadLetterSuffix}]; the wildcard covers those names in this account and region only.`,
    );
  }
  if (subscriptionQueues === 'manage') {
    ack('Resource::*', 'sqs:ListQueues, which IAM allows on * only; it returns queue URLs, and every other queue action is scoped to the subscription queues.');
  }
}

/**
 * The text cdk-nag shows for an ARN in `consumer`'s policies: `<LogicalId.Arn>` for a resource of the same stack,
 * the export's name for one imported from another stack (exportValue returns the export CDK makes anyway).
 */
function nagArn(consumer: IConstruct, resource: IConstruct, arn: string): string {
  const producer = Stack.of(resource);
  return nagText(producer, producer === Stack.of(consumer) ? arn : producer.exportValue(arn));
}

/**
 * The text cdk-nag shows for a value of `stack`'s template, as its flattenCfnReference makes it (not exported):
 * `<Logical.Attr>` for Fn::GetAtt, `<Name>` for Ref, the export's name for Fn::ImportValue, Fn::Join joined.
 */
function nagText(stack: Stack, value: string): string {
  const visit = (node: unknown): string => {
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
    if (node && typeof node === 'object') {
      if ('Fn::Join' in node && Array.isArray(node['Fn::Join'])) {
        const [delimiter, items] = node['Fn::Join'] as [string, unknown[]];
        return items.map(visit).join(delimiter);
      }
      if ('Fn::GetAtt' in node && Array.isArray(node['Fn::GetAtt'])) return `<${node['Fn::GetAtt'].map(visit).join('.')}>`;
      if ('Fn::ImportValue' in node) return visit(node['Fn::ImportValue']);
      if ('Ref' in node) return `<${visit(node.Ref)}>`;
    }
    throw new Error(`No cdk-nag name for ${JSON.stringify(node)}`);
  };
  return visit(stack.resolve(value));
}

/** CDK's own handler behind BucketDeployment (a singleton per stack), which copies the console's build into its bucket. */
function acknowledgeDeploymentHandler(stack: Stack, site: ConsoleSite): void {
  const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) return;
  const ack = (id: string, reason: string) => Validations.of(handler).acknowledge({ id, reason });
  const copies = 'to copy the build from the CDK asset bucket into the console bucket';
  ack('AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', "CDK's deployment handler; the managed policy only lets it write its own logs.");
  ack('AwsSolutions-L1', "CDK's deployment handler: aws-cdk-lib chooses its runtime and moves it with its upgrades.");
  for (const action of ['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*']) ack(`AwsSolutions-IAM5[Action::${action}]`, `grantReadWrite of CDK's deployment handler, ${copies}.`);
  ack('AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', `The CDK asset bucket's objects, read ${copies}.`);
  ack(`AwsSolutions-IAM5[Resource::${nagArn(handler, site.bucket, site.bucket.bucketArn)}/*]`, `The console bucket's objects, written ${copies}.`);
  ack('AwsSolutions-IAM5[Resource::*]', 'CloudFront CreateInvalidation and GetInvalidation, which IAM grants on * only, to refresh index.html and config.json after a deploy.');
}

/** CDK's own handler that puts the S3 notification configuration on the bucket (a singleton per stack). */
function acknowledgeNotificationsHandler(stack: Stack): void {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('BucketNotificationsHandler')) continue;
    Validations.of(child).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "CDK's S3 notification handler; the managed policy only lets it write its own logs.",
    });
  }
}

/**
 * CORS for the consoles named in webOrigins and no other origin. A wildcard is dropped with a warning rather than
 * deployed: with none left, API Gateway answers no preflight and browsers on other origins get nothing.
 */
export function consoleCors(scope: IConstruct, webOrigins: string[], deployedConsoles: string[] = []): CorsPreflightOptions | undefined {
  const origins = [...consoleOrigins(scope, webOrigins), ...deployedConsoles];
  if (origins.length === 0) return undefined;
  return {
    allowOrigins: origins,
    allowMethods: [CorsHttpMethod.ANY],
    allowHeaders: [...cors.allowHeaders],
    exposeHeaders: [...cors.exposeHeaders],
    maxAge: Duration.seconds(cors.maxAgeSeconds),
  };
}
