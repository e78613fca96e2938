// The stateless stack: one function per declaration, the HTTP API routes and the event sources, all read from wiring.ts.
import {
  ArnFormat,
  CfnOutput,
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
import { FilterCriteria, type ILayerVersion, LayerVersion, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket, EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import { type Grantables, RegistryFunction } from './function.ts';
import { env } from './resources.ts';
import {
  eventSources,
  functions,
  routes,
  type FunctionDecl,
  type FunctionName,
  type ScheduleSource,
  type TableStreamSource,
} from './wiring.ts';

export interface ApiStackProps extends StackProps {
  repoRoot: string;
  /** The table with its stream ARN (the data stack's Table has it): table-stream sources map onto the stream. */
  table: ITable;
  bucket: IBucket;
  alertsTopic: ITopic;
  /** Cognito issuer URL and the app client id the tokens are issued to. */
  issuer: string;
  jwksUri: string;
  audience: string;
  /** Browser origins allowed to call the API. */
  webOrigins: string[];
  /**
   * ARN of a layer with sharp built for linux-arm64 and @techstark/opencv-js under nodejs/node_modules
   * (-c imageLibsLayerArn=...). Default: version 1 of a layer named registry-image-libs-arm64 in the deploying
   * account and region.
   */
  imageLibsLayerArn?: string | undefined;
}

/**
 * Modules a function loads that esbuild does not bundle: sharp loads native code, and OpenCV's 11 MB WebAssembly
 * build is required at run time (functions/matching/photo/local-features.ts). They stay out of the bundle and come
 * from one layer built for linux-arm64: `nodeModules` would run `npm install` on this x64 host during synth, which
 * needs the network and would ship x64 binaries, and Docker bundling is not available.
 */
type LayeredModule = 'sharp' | '@techstark/opencv-js';
const imageLibs: LayeredModule[] = ['sharp', '@techstark/opencv-js'];
const layeredModules: Partial<Record<FunctionName, LayeredModule[]>> = { imageProcessor: imageLibs, search: imageLibs, matcher: imageLibs };

export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions: Record<FunctionName, RegistryFunction>;
  private readonly failureQueues = new Map<FunctionName, Queue>();

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    // Strong references are exports CloudFormation will not delete while this stack imports them: the data stack
    // cannot lose a table, bucket, topic or pool the functions still use.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);

    const environment = {
      [env.table]: props.table.tableName,
      [env.bucket]: props.bucket.bucketName,
      [env.alertsTopic]: props.alertsTopic.topicArn,
      [env.jwtIssuer]: props.issuer,
      [env.jwtAudience]: props.audience,
      [env.jwksUri]: props.jwksUri,
      POWERTOOLS_SERVICE_NAME: 'registry',
      NODE_OPTIONS: '--enable-source-maps',
    };
    const imageLibsLayerArn =
      props.imageLibsLayerArn ??
      this.formatArn({
        service: 'lambda',
        resource: 'layer',
        resourceName: 'registry-image-libs-arm64:1',
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    const imageLibsLayer = LayerVersion.fromLayerVersionArn(this, 'ImageLibsLayer', imageLibsLayerArn);
    const moduleLayers: Record<LayeredModule, ILayerVersion> = { sharp: imageLibsLayer, '@techstark/opencv-js': imageLibsLayer };

    // S3 notifications and schedules invoke their functions asynchronously: failed events land in the function's
    // failure queue instead of vanishing. Stream functions are invoked synchronously by their event source mapping,
    // which sends what still fails to the same queue (see tableStream).
    const asyncFunctions = new Set<FunctionName>(
      eventSources.filter((source) => source.kind !== 'table-stream').map((source) => source.fn),
    );

    const resources: Grantables = { table: props.table, bucket: props.bucket, alertsTopic: props.alertsTopic };
    const built = {} as Record<FunctionName, RegistryFunction>;
    for (const [name, decl] of Object.entries(functions) as [FunctionName, FunctionDecl][]) {
      const modules = layeredModules[name];
      built[name] = new RegistryFunction(this, fnId(name), {
        decl,
        repoRoot: props.repoRoot,
        resources,
        environment,
        layered: modules && { modules, layers: [...new Set(modules.map((module) => moduleLayers[module]))] },
        onFailure: asyncFunctions.has(name) ? new SqsDestination(this.failureQueueOf(name)) : undefined,
      });
      acknowledgeGrantWildcards(built[name], decl, resources);
    }
    this.functions = built;

    this.api = this.httpApi(props);

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
        default:
          source satisfies never;
      }
    }
    acknowledgeNotificationsHandler(this);
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

  private httpApi(props: ApiStackProps): HttpApi {
    const api = new HttpApi(this, 'HttpApi', {
      apiName: 'stolen-object-registry',
      createDefaultStage: false,
      // Answered by API Gateway itself, so browsers' preflights never reach the fallback's 405.
      corsPreflight: {
        allowOrigins: props.webOrigins,
        allowMethods: [CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type', 'if-match'],
        exposeHeaders: ['etag', 'location'],
        maxAge: Duration.hours(1),
      },
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

    new CfnOutput(this, 'ApiUrl', { value: stage.url });
    return api;
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
  const { table, bucket } = decl.access;
  if (table) {
    ack(
      `Resource::${nagArn(fn, resources.table, resources.table.tableArn)}/index/*`,
      "Queries the table's secondary indexes; the wildcard covers this one table's indexes only.",
    );
  }
  if (bucket) {
    const objects = 'this one bucket only';
    const bucketArn = nagArn(fn, resources.bucket, resources.bucket.bucketArn);
    ack(`Resource::${bucketArn}/*`, `Object keys are made at runtime; ${objects}.`);
    ack('Action::s3:GetObject*', `grantRead: reads of an object and its tags, version and attributes, ${objects}.`);
    ack('Action::s3:GetBucket*', `grantRead: reads of bucket settings such as location and versioning, ${objects}.`);
    ack('Action::s3:List*', `grantRead: listing of objects and multipart uploads, ${objects}.`);
    if (bucket === 'readWrite') {
      ack('Action::s3:DeleteObject*', `grantReadWrite: deletes of objects and their versions and tags, ${objects}.`);
      ack('Action::s3:Abort*', `grantReadWrite: aborting an unfinished multipart upload, ${objects}.`);
    }
  }
}

/**
 * The text cdk-nag shows for an ARN in `consumer`'s policies: `<LogicalId.Arn>` for a resource of the same stack,
 * the export's name for one imported from another stack (exportValue returns the export CDK makes anyway).
 */
function nagArn(consumer: IConstruct, resource: IConstruct, arn: string): string {
  const producer = Stack.of(resource);
  const ref: unknown = producer.resolve(producer === Stack.of(consumer) ? arn : producer.exportValue(arn));
  if (typeof ref === 'string') return ref;
  if (ref && typeof ref === 'object' && 'Fn::ImportValue' in ref) return String(ref['Fn::ImportValue']);
  if (ref && typeof ref === 'object' && 'Fn::GetAtt' in ref && Array.isArray(ref['Fn::GetAtt'])) {
    return `<${ref['Fn::GetAtt'].join('.')}>`;
  }
  throw new Error(`No cdk-nag name for ${JSON.stringify(ref)}`);
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
