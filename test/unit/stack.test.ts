// The CDK app deploys exactly what infra/wiring.ts and infra/resources.ts declare, and passes cdk-nag's AwsSolutions checks.
import { App, Stack } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleCors } from '../../infra/api-stack.ts';
import { buildApp } from '../../infra/registry-app.ts';
import { alertQueues, bucket, env, table } from '../../infra/resources.ts';
import { eventSources, functions, routes, subscriptionQueueSource, type FunctionDecl } from '../../infra/wiring.ts';
import { webhookFailureLog } from '../../infra/alarms.ts';

type Resource = { Type: string; Properties: Record<string, any> };
type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, unknown> };

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
const { app, data, api } = buildApp({
  context: {
    // The same feature flags as `cdk synth`.
    ...cdkJson.context,
    // An empty list skips esbuild bundling, which `cdk synth` covers; here it would only cost seconds.
    'aws:cdk:bundling-stacks': [],
    // Report cdk-nag findings in their own test below instead of failing synthesis and with it every test.
    '@aws-cdk/core:failSynthOnValidationErrors': false,
  },
});
// Template.fromStack refuses a template with a dependency cycle (such as functions given the URL of an API whose
// resources depend on them), so a cycle fails every test here.
const templates = { data: Template.fromStack(data), api: Template.fromStack(api) };

function resourcesOf(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type) as Record<string, Resource>);
}

/** The image bucket, beside the console's. */
const imagesBucket = () => resourcesOf(templates.data, 'AWS::S3::Bucket').find(([id]) => id.startsWith('Images'))?.[1];

const isPublic = (route: (typeof routes)[number]) => 'auth' in route && route.auth === 'none';

type Source = (typeof eventSources)[number];
const sourcesOf = <K extends Source['kind']>(kind: K) =>
  eventSources.filter((source): source is Extract<Source, { kind: K }> => source.kind === kind);

/** The logical id of a declared function's AWS::Lambda::Function, found by its description. */
function functionIdOf(name: keyof typeof functions): string | undefined {
  const description = functions[name].description;
  const lambdas = resourcesOf(templates.api, 'AWS::Lambda::Function');
  return lambdas.find(([, f]) => f.Properties['Description'] === description)?.[0];
}

/** The statements of the policies attached to a declared function's role. */
function statementsOf(name: keyof typeof functions): Statement[] {
  const lambdas = resourcesOf(templates.api, 'AWS::Lambda::Function').map(([, f]) => f.Properties);
  const roleId = lambdas.find((f) => f['Description'] === functions[name].description)?.['Role']['Fn::GetAtt'][0];
  return resourcesOf(templates.api, 'AWS::IAM::Policy')
    .map(([, p]) => p.Properties)
    .filter((p) => p['Roles'].some((role: { Ref?: string }) => role.Ref === roleId))
    .flatMap((p) => p['PolicyDocument']['Statement']);
}

const actionsOf = (statement: Statement): string[] => [statement.Action].flat();

/** How the API stack's template refers to a value of the data stack (an Fn::ImportValue of its export). */
const resolvedInApi = (value: string): unknown => data.resolve(data.exportValue(value));

/** The environment variables of a declared function. */
function environmentOf(name: keyof typeof functions): Record<string, unknown> {
  const id = functionIdOf(name);
  const [, lambda] = resourcesOf(templates.api, 'AWS::Lambda::Function').find(([logicalId]) => logicalId === id) ?? [];
  return lambda?.Properties['Environment']?.['Variables'] ?? {};
}

/** The logical ids of the queues that some event source mapping drains: the queues declared by 'queue' sources. */
function drainedQueueIds(): string[] {
  return resourcesOf(templates.api, 'AWS::Lambda::EventSourceMapping')
    .map(([, m]) => m.Properties['EventSourceArn']?.['Fn::GetAtt']?.[0])
    .filter((id): id is string => typeof id === 'string');
}

/** The logical ids of the failure queues: every queue of the API stack but those that event source mappings drain. */
function failureQueueIds(): string[] {
  const drained = new Set(drainedQueueIds());
  return resourcesOf(templates.api, 'AWS::SQS::Queue').map(([id]) => id).filter((id) => !drained.has(id));
}

/** An ARN of this stack's partition, region and account, as CloudFormation joins it. */
const arnHere = (service: string, resource: string) => ({
  'Fn::Join': [
    '',
    ['arn:', { Ref: 'AWS::Partition' }, `:${service}:`, { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${resource}`],
  ],
});

/** An EventBridge rate expression in minutes: rate(1 hour) -> 60. */
function rateMinutes(expression: string): number | undefined {
  const match = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (!match) return undefined;
  return Number(match[1]) * { minute: 1, hour: 60, day: 24 * 60 }[match[2] as 'minute' | 'hour' | 'day'];
}

describe('HTTP API', () => {
  it('creates one route per declared route, plus the $default fallback', () => {
    // Arrange
    const expected = [...routes.map((route) => `${route.method} ${route.path}`), '$default'];

    // Act
    const routeKeys = resourcesOf(templates.api, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties['RouteKey']);

    // Assert
    expect(routeKeys.sort()).toEqual(expected.sort());
  });

  it('requires a Cognito JWT on every route not declared public', () => {
    // Arrange
    const byKey = new Map(
      resourcesOf(templates.api, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties['RouteKey'], r.Properties]),
    );

    // Act
    const authorization = routes.map((route) => ({
      route: `${route.method} ${route.path}`,
      type: byKey.get(`${route.method} ${route.path}`)?.['AuthorizationType'] ?? 'NONE',
    }));

    // Assert
    expect(authorization).toEqual(
      routes.map((route) => ({ route: `${route.method} ${route.path}`, type: isPublic(route) ? 'NONE' : 'JWT' })),
    );
    expect(byKey.get('$default')?.['AuthorizationType'] ?? 'NONE').toBe('NONE');
  });

  it('logs access and throttles the default stage', () => {
    // Act
    const stages = resourcesOf(templates.api, 'AWS::ApiGatewayV2::Stage').map(([, s]) => s.Properties);

    // Assert
    expect(stages).toHaveLength(1);
    expect(stages[0]).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: expect.anything(), Format: expect.any(String) },
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
    });
  });
});

describe('CORS', () => {
  /** The CORS configuration of an HTTP API built with consoleCors for these webOrigins. */
  function corsFor(webOrigins: string[]): Record<string, unknown> | undefined {
    const stack = new Stack(new App(), 'CorsProbe');
    new HttpApi(stack, 'Api', { corsPreflight: consoleCors(stack, webOrigins) });
    const [[, api] = ['', undefined]] = resourcesOf(Template.fromStack(stack), 'AWS::ApiGatewayV2::Api');
    return api?.Properties['CorsConfiguration'];
  }

  it('allows only the deployed console on CloudFront, to the API and the bucket, until other origins are set', () => {
    // Act
    const [[, httpApi] = ['', undefined]] = resourcesOf(templates.api, 'AWS::ApiGatewayV2::Api');
    const images = imagesBucket();
    const [[cdn] = ['']] = resourcesOf(templates.data, 'AWS::CloudFront::Distribution');

    // Assert
    const apiOrigins: unknown[] = httpApi?.Properties['CorsConfiguration']['AllowOrigins'];
    const bucketOrigins: unknown[] = images?.Properties['CorsConfiguration']['CorsRules'][0]['AllowedOrigins'];
    expect(apiOrigins).toHaveLength(1);
    expect(JSON.stringify(apiOrigins)).toContain('ConsoleCdn');
    expect(bucketOrigins).toEqual([{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [cdn, 'DomainName'] }]] }]);
  });

  it("drops a '*' from webOrigins and warns at synth", () => {
    // Arrange
    const stack = new Stack(new App(), 'CorsProbe');

    // Act
    consoleCors(stack, ['*']);

    // Assert
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp("webOrigins '\\*' is ignored"));
  });

  it('allows exactly the configured console origins, never a wildcard', () => {
    // Act
    const configuration = corsFor(['https://console.example.org', '*', 'https://registry.example.net:8443']);

    // Assert
    expect(configuration).toEqual({
      AllowOrigins: ['https://console.example.org', 'https://registry.example.net:8443'],
      AllowMethods: ['*'],
      AllowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
      ExposeHeaders: ['etag', 'location'],
      MaxAge: 3600,
    });
  });

  it('refuses a webOrigins entry that is a URL rather than an origin', () => {
    // Act
    const build = () => corsFor(['https://console.example.org/app/']);

    // Assert
    expect(build).toThrow(/is not an origin/);
  });
});

describe('data stack', () => {
  it('keeps the table on demand with point-in-time recovery, the declared keys and a stream', () => {
    // Act
    const [[, resource] = ['', undefined]] = resourcesOf(templates.data, 'AWS::DynamoDB::Table');

    // Assert
    expect(resource?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      StreamSpecification: { StreamViewType: table.stream },
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
    });
  });

  it('deletes items whose expiration attribute has passed, as Powertools idempotency records expect', () => {
    // Act
    const [[, resource] = ['', undefined]] = resourcesOf(templates.data, 'AWS::DynamoDB::Table');

    // Assert
    expect(resource?.Properties['TimeToLiveSpecification']).toEqual({ AttributeName: table.ttlAttribute, Enabled: true });
  });

  it('keeps a retained ECC P-256 signing key for certificates in the data stack', () => {
    // Assert
    templates.data.hasResource('AWS::KMS::Key', { Properties: Match.objectLike({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }), DeletionPolicy: 'Retain' });
  });

  it('creates exactly the global secondary indexes declared in resources.ts, with their keys', () => {
    // Act
    const [[, resource] = ['', undefined]] = resourcesOf(templates.data, 'AWS::DynamoDB::Table');
    const indexes = (resource?.Properties['GlobalSecondaryIndexes'] ?? []).map(
      (index: { IndexName: string; KeySchema: { AttributeName: string; KeyType: string }[] }) => ({
        name: index.IndexName,
        keys: index.KeySchema,
      }),
    );

    // Assert
    expect(indexes).toEqual(
      table.indexes.map((index) => ({
        name: index.name,
        keys: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
      })),
    );
  });

  it(`moves uploaded and query originals to Glacier IR after ${bucket.originalsToGlacierAfterDays} days`, () => {
    // Act
    const resource = imagesBucket();
    const rules: { Prefix?: string; Transitions?: unknown[] }[] = resource?.Properties['LifecycleConfiguration']['Rules'] ?? [];

    // Assert
    for (const prefix of [bucket.uploadsPrefix, bucket.queriesPrefix]) {
      expect({ prefix, transitions: rules.find((rule) => rule.Prefix === prefix)?.Transitions }).toEqual({
        prefix,
        transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: bucket.originalsToGlacierAfterDays }],
      });
    }
    // Index snapshots are read on every cold start: no rule may move them out of Standard.
    expect(rules.filter((rule) => rule.Transitions && !rule.Prefix)).toEqual([]);
    expect(rules.filter((rule) => rule.Prefix && bucket.indexPrefix.startsWith(rule.Prefix))).toEqual([]);
    expect(resource?.Properties['PublicAccessBlockConfiguration']).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });
});

describe('functions', () => {
  it('lets functions that only read the bucket reach every prefix but the originals', () => {
    // Arrange
    const readers = Object.entries(functions).filter(([, decl]) => 'bucket' in decl.access && decl.access.bucket === 'read');
    const s3Resources = (name: string) =>
      resourcesOf(templates.api, 'AWS::IAM::Policy')
        .filter(([id]) => id.toLowerCase().startsWith(name.toLowerCase()))
        .flatMap(([, policy]) => (policy.Properties['PolicyDocument'] as { Statement: { Action: unknown; Resource: unknown }[] }).Statement)
        .filter((statement) => JSON.stringify(statement.Action).includes('s3:'))
        .map((statement) => JSON.stringify(statement.Resource));

    // Act
    const granted = readers.map(([name]) => [name, s3Resources(name).join(' ')] as const);

    // Assert
    expect(readers.length).toBeGreaterThan(0);
    for (const [name, resources] of granted) {
      expect(resources, name).toContain(`/${bucket.normalisedPrefix}*`);
      expect(resources, name).not.toContain(`/${bucket.uploadsPrefix}`);
      expect(resources, name).not.toMatch(/"\/\*"/);
    }
  });

  const declared = Object.entries(functions) as [string, FunctionDecl][];

  it('runs every declared function on nodejs24.x arm64 with its declared memory and timeout', () => {
    // Arrange
    const lambdas = resourcesOf(templates.api, 'AWS::Lambda::Function').map(([, f]) => f.Properties);

    // Act
    const found = declared.map(([, decl]) => lambdas.find((f) => f['Description'] === decl.description));

    // Assert
    for (const [index, [, decl]] of declared.entries()) {
      expect(found[index]).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: decl.memoryMb,
        Timeout: decl.timeoutSeconds,
      });
    }
    expect(lambdas.filter((f) => String(f['Runtime']).startsWith('nodejs')).map((f) => f['Runtime'])).toEqual(
      declared.map(() => 'nodejs24.x'),
    );
  });

  const auditLogArn = JSON.stringify(resolvedInApi(data.auditTable.tableArn));
  const onAuditLog = (statement: Statement) => JSON.stringify(statement.Resource).includes(auditLogArn);

  it('lets functions only append to the audit log, and only the audit function read it', () => {
    for (const [name, decl] of declared) {
      // Act
      const actions = statementsOf(name as keyof typeof functions).filter(onAuditLog).flatMap(actionsOf).sort();

      // Assert
      const expected = decl.access.audit === 'read' ? ['dynamodb:DescribeTable', 'dynamodb:PutItem', 'dynamodb:Query'] : decl.access.audit ? ['dynamodb:PutItem'] : [];
      expect({ name, actions }).toEqual({ name, actions: expected });
    }
  });

  it('lets each function behind a route update the rate counters, and do nothing else with them', () => {
    // Arrange
    const counterArn = JSON.stringify(resolvedInApi(data.rateTable.tableArn));
    const behindRoutes = new Set<string>(routes.map((route) => route.fn));

    // Act
    const granted = declared.map(([name]) => [name, statementsOf(name as keyof typeof functions).filter((statement) => JSON.stringify(statement.Resource).includes(counterArn)).flatMap(actionsOf)]);

    // Assert
    expect(granted).toEqual(declared.map(([name]) => [name, behindRoutes.has(name) ? ['dynamodb:UpdateItem'] : []]));
  });

  it('grants each function only the access it declares', () => {
    for (const [name, decl] of declared) {
      // Act
      // The audit log and the rate counters are other tables, checked in the tests above.
      const counterArn = JSON.stringify(resolvedInApi(data.rateTable.tableArn));
      const actions = statementsOf(name as keyof typeof functions)
        .filter((statement) => !onAuditLog(statement) && !JSON.stringify(statement.Resource).includes(counterArn))
        .flatMap(actionsOf);

      // Assert
      const has = (prefix: string) => actions.some((action) => action.startsWith(prefix));
      expect({ name, table: has('dynamodb:'), writesTable: actions.includes('dynamodb:PutItem') }).toEqual({
        name,
        table: decl.access.table !== undefined,
        writesTable: decl.access.table === 'readWrite',
      });
      expect({ name, bucket: has('s3:'), writesBucket: actions.includes('s3:PutObject') }).toEqual({
        name,
        bucket: decl.access.bucket !== undefined,
        writesBucket: decl.access.bucket === 'readWrite',
      });
      expect({ name, publishes: actions.includes('sns:Publish') }).toEqual({
        name,
        publishes: decl.access.alertsTopic === 'publish',
      });
      expect({ name, subscribes: has('sns:Subscribe'), unsubscribes: has('sns:Unsubscribe') }).toEqual({
        name,
        subscribes: decl.access.alertsTopic === 'subscribe',
        unsubscribes: decl.access.alertsTopic === 'subscribe',
      });
      expect({ name, invites: has('cognito-idp:AdminCreateUser'), knowsPool: env.userPoolId in environmentOf(name as keyof typeof functions) }).toEqual({
        name,
        invites: decl.access.userPool === 'invite',
        knowsPool: decl.access.userPool === 'invite',
      });
      expect({ name, signs: actions.includes('kms:Sign'), knowsKey: env.signingKeyId in environmentOf(name as keyof typeof functions) }).toEqual({
        name,
        signs: decl.access.signingKey === 'sign',
        knowsKey: decl.access.signingKey === 'sign',
      });
      // Failure queues add sqs:SendMessage to their function's role; receiving is what subscription queues grant, and
      // what the event source mapping of a declared queue grants its consumer (scoped to that queue: tested below).
      expect({ name, receives: has('sqs:ReceiveMessage'), createsQueues: has('sqs:CreateQueue') }).toEqual({
        name,
        receives: decl.access.subscriptionQueues !== undefined || sourcesOf('queue').some((source) => source.fn === name),
        createsQueues: decl.access.subscriptionQueues === 'manage',
      });
    }
  });

  it("lets 'subscribe' functions subscribe to the alerts topic and change only that topic's subscriptions", () => {
    // Arrange
    const topicArn = resolvedInApi(data.alertsTopic.topicArn);
    const subscribers = declared.filter(([, decl]) => decl.access.alertsTopic === 'subscribe');
    expect(subscribers).not.toHaveLength(0);

    for (const [name] of subscribers) {
      // Act
      const sns = statementsOf(name as keyof typeof functions).filter((s) => actionsOf(s).some((a) => a.startsWith('sns:')));

      // Assert
      expect(sns.map((s) => ({ actions: actionsOf(s).sort(), resource: s.Resource }))).toEqual([
        { actions: ['sns:ListSubscriptionsByTopic', 'sns:Subscribe'], resource: topicArn },
        {
          actions: ['sns:GetSubscriptionAttributes', 'sns:SetSubscriptionAttributes', 'sns:Unsubscribe'],
          resource: { 'Fn::Join': ['', [topicArn, ':*']] },
        },
      ]);
    }
  });

  it('scopes subscription queue permissions to queues named with the declared prefix in this account and region', () => {
    // Arrange
    const queues = arnHere('sqs', `${alertQueues.prefix}*`);
    const consume = ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'];
    const manage = [...consume, 'sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:GetQueueUrl', 'sqs:SendMessage', 'sqs:SetQueueAttributes'];
    const users = declared.filter(([, decl]) => decl.access.subscriptionQueues !== undefined);
    expect(users).not.toHaveLength(0);

    for (const [name, decl] of users) {
      // Act
      const sqs = statementsOf(name as keyof typeof functions).filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));

      // Assert
      expect({ name, statements: sqs.map((s) => ({ actions: actionsOf(s).sort(), resource: s.Resource })) }).toEqual({
        name,
        statements:
          decl.access.subscriptionQueues === 'manage'
            ? [
                { actions: manage.sort(), resource: queues },
                // ListQueues has no resource-level permissions.
                { actions: ['sqs:ListQueues'], resource: '*' },
              ]
            : [{ actions: consume.sort(), resource: queues }],
      });
    }
  });

  it("gives every function, alertPublisher among them, the API's base URL that alerts link to", () => {
    // Arrange
    const [[apiId] = ['']] = resourcesOf(templates.api, 'AWS::ApiGatewayV2::Api');

    // Act
    const urls = declared.map(([name]) => ({ name, url: environmentOf(name as keyof typeof functions)[env.apiUrl] }));

    // Assert: the endpoint has no trailing slash and serves the $default stage.
    expect(urls).toEqual(declared.map(([name]) => ({ name, url: { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] } })));
  });

  it('tells the function that answers GET / on the API, and only it, where CloudFront serves the console', () => {
    // Act
    const told = declared.filter(([name]) => env.consoleUrl in environmentOf(name as keyof typeof functions)).map(([name]) => name);

    // Assert
    expect(told).toEqual(['fallback']);
    expect(environmentOf('fallback')[env.consoleUrl]).toEqual({ 'Fn::Join': ['', ['https://', resolvedInApi(data.consoleSite.distribution.distributionDomainName)]] });
  });

  it('triggers each S3 event source on objects created under its prefix', () => {
    // Act
    const notifications = resourcesOf(templates.api, 'Custom::S3BucketNotifications').flatMap(
      ([, n]) => n.Properties['NotificationConfiguration']['LambdaFunctionConfigurations'],
    );

    // Assert
    expect(notifications).toHaveLength(sourcesOf('s3').length);
    for (const source of sourcesOf('s3')) {
      expect(notifications).toContainEqual(
        expect.objectContaining({
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: source.prefix }] } },
        }),
      );
    }
  });
});

describe('event sources', () => {
  it('maps each table-stream source onto the stream with its batch size, retries, filters and failure queue', () => {
    // Arrange
    const streamExport = Object.values(templates.data.toJSON()['Outputs'] as Record<string, any>).find(
      (output) => output.Value?.['Fn::GetAtt']?.[1] === 'StreamArn',
    )?.Export?.Name;
    const mappings = resourcesOf(templates.api, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties);
    const onStream = mappings.filter((m) => m['EventSourceArn']?.['Fn::ImportValue'] === streamExport);
    const queueIds = resourcesOf(templates.api, 'AWS::SQS::Queue').map(([id]) => id);
    expect(streamExport).toEqual(expect.any(String));

    for (const source of sourcesOf('table-stream')) {
      // Act
      const mapping = onStream.find((m) => m['FunctionName']?.Ref === functionIdOf(source.fn));

      // Assert
      expect(mapping).toMatchObject({
        EventSourceArn: { 'Fn::ImportValue': streamExport },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: source.batchSize,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: source.maxAttempts - 1,
      });
      expect(queueIds).toContain(mapping?.['DestinationConfig']?.OnFailure?.Destination?.['Fn::GetAtt']?.[0]);
      expect(
        mapping?.['FilterCriteria']?.Filters.map((filter: { Pattern: string }) => JSON.parse(filter.Pattern)),
      ).toEqual(source.filters.map((pattern) => JSON.parse(JSON.stringify(pattern))));
    }
    expect(onStream).toHaveLength(sourcesOf('table-stream').length);
    // Every other mapping drains a queue declared in the wiring (tested below): none is left unaccounted for.
    expect(mappings).toHaveLength(sourcesOf('table-stream').length + sourcesOf('queue').length);
  });

  it('runs each schedule source at its declared rate, with retries and a dead-letter queue', () => {
    // Arrange
    const rules = resourcesOf(templates.api, 'AWS::Events::Rule').map(([, r]) => r.Properties);
    const queueIds = resourcesOf(templates.api, 'AWS::SQS::Queue').map(([id]) => id);

    for (const source of sourcesOf('schedule')) {
      // Act
      const targetsFn = (rule: Record<string, any>) =>
        rule['Targets'].some((target: any) => target.Arn?.['Fn::GetAtt']?.[0] === functionIdOf(source.fn));
      const matching = rules.filter(targetsFn);

      // Assert
      expect(matching.map((rule) => ({ fn: source.fn, minutes: rateMinutes(rule['ScheduleExpression']) }))).toEqual([
        { fn: source.fn, minutes: source.everyMinutes },
      ]);
      const [target] = matching[0]?.['Targets'] ?? [];
      expect(target?.RetryPolicy).toEqual({ MaximumRetryAttempts: 2 });
      expect(queueIds).toContain(target?.DeadLetterConfig?.Arn?.['Fn::GetAtt']?.[0]);
    }
    expect(rules).toHaveLength(sourcesOf('schedule').length);
  });

  it("lets each subscription-queues source's manager map queues onto its consumer, and onto no other function", () => {
    expect(sourcesOf('subscription-queues')).not.toHaveLength(0);
    for (const source of sourcesOf('subscription-queues')) {
      // Arrange
      const consumerArn = { 'Fn::GetAtt': [functionIdOf(source.fn), 'Arn'] };
      const mappedOntoConsumer = { StringEquals: { 'lambda:FunctionArn': consumerArn } };
      const mappings = arnHere('lambda', 'event-source-mapping:*');

      // Act
      const lambda = statementsOf(source.managedBy).filter((s) => actionsOf(s).some((a) => a.startsWith('lambda:')));

      // Assert
      expect(environmentOf(source.managedBy)[env.alertDeliveryFunction]).toEqual(consumerArn);
      expect(lambda.map((s) => ({ actions: actionsOf(s), resource: s.Resource, condition: s.Condition }))).toEqual([
        { actions: ['lambda:CreateEventSourceMapping'], resource: '*', condition: mappedOntoConsumer },
        { actions: ['lambda:DeleteEventSourceMapping'], resource: mappings, condition: mappedOntoConsumer },
        { actions: ['lambda:GetEventSourceMapping'], resource: mappings, condition: undefined },
      ]);
    }
  });

  it('gives each function behind an event source the stack makes one failure queue, and the others none', () => {
    // Arrange: subscription queues each have their own dead-letter queue, made with them at run time. The queues that
    // 'queue' sources declare are drained by their function, not failure queues: their dead letters go to its failure queue.
    const queueIds = failureQueueIds();
    const withSources = [
      ...new Set(eventSources.filter((source) => source.kind !== 'subscription-queues').map((source) => source.fn)),
    ];

    // Act: queues are named after their function (matcher -> MatcherFailures...).
    const queuesOf = (name: string) =>
      queueIds.filter((id) => id.startsWith(`${name.charAt(0).toUpperCase()}${name.slice(1)}Failures`));

    // Assert
    expect(withSources.map((name) => ({ name, queues: queuesOf(name).length }))).toEqual(
      withSources.map((name) => ({ name, queues: 1 })),
    );
    expect(queueIds).toHaveLength(withSources.length);
    expect(drainedQueueIds()).toHaveLength(sourcesOf('queue').length);
  });

  it("drains each declared queue into its function in batches with partial failures, its dead letters into the function's failure queue", () => {
    expect(sourcesOf('queue')).not.toHaveLength(0);
    const queues = Object.fromEntries(resourcesOf(templates.api, 'AWS::SQS::Queue'));
    const mappings = resourcesOf(templates.api, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties);
    const failureQueues = failureQueueIds();

    for (const source of sourcesOf('queue')) {
      // Act
      const mapping = mappings.find((m) => m['FunctionName']?.Ref === functionIdOf(source.fn) && m['EventSourceArn']?.['Fn::GetAtt']);
      const queueId: string | undefined = mapping?.['EventSourceArn']['Fn::GetAtt'][0];
      const queue = queueId ? queues[queueId]?.Properties : undefined;
      const arnOfQueue = { 'Fn::GetAtt': [queueId, 'Arn'] };
      const sqsOf = (name: keyof typeof functions) =>
        statementsOf(name).filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')) && [s.Resource].flat().some((r) => JSON.stringify(r) === JSON.stringify(arnOfQueue)));
      const deadLetters: string | undefined = queue?.['RedrivePolicy']?.deadLetterTargetArn?.['Fn::GetAtt']?.[0];

      // Assert
      expect(mapping).toMatchObject({ BatchSize: source.batchSize, FunctionResponseTypes: ['ReportBatchItemFailures'] });
      expect(queue?.['RedrivePolicy']?.maxReceiveCount).toBe(source.maxAttempts);
      expect(failureQueues).toContain(deadLetters);
      expect(deadLetters).toMatch(new RegExp(`^${source.fn.charAt(0).toUpperCase()}${source.fn.slice(1)}Failures`));
      // Lambda needs a message hidden for longer than the function may run.
      expect(queue?.['VisibilityTimeout']).toBeGreaterThan(functions[source.fn].timeoutSeconds);
      expect(sqsOf(source.fn).flatMap(actionsOf)).toContain('sqs:ReceiveMessage');
      for (const producer of source.producers) {
        expect({ producer, sends: sqsOf(producer).flatMap(actionsOf).includes('sqs:SendMessage'), url: environmentOf(producer)[source.urlEnv] }).toEqual({
          producer,
          sends: true,
          url: { Ref: queueId },
        });
      }
      // Nobody else sends to the queue, receives from it or is told where it is.
      const others = (Object.keys(functions) as (keyof typeof functions)[]).filter((name) => name !== source.fn && !(source.producers as readonly string[]).includes(name));
      expect(others.filter((name) => sqsOf(name).length > 0 || source.urlEnv in environmentOf(name))).toEqual([]);
    }
  });

  it("lets each feed-schedules source's schedules and manager invoke its function, with failed runs in the function's failure queue", () => {
    expect(sourcesOf('feed-schedules')).not.toHaveLength(0);
    const invokeConfigs = resourcesOf(templates.api, 'AWS::Lambda::EventInvokeConfig').map(([, c]) => c.Properties);
    const failureQueues = failureQueueIds();

    for (const source of sourcesOf('feed-schedules')) {
      // Arrange
      const targetArn = { 'Fn::GetAtt': [functionIdOf(source.fn), 'Arn'] };
      const invokes = (statements: Statement[]) =>
        statements.filter((s) => actionsOf(s).includes('lambda:InvokeFunction')).map((s) => [s.Resource].flat());

      // Act
      const config = invokeConfigs.find((c) => c['FunctionName']?.Ref === functionIdOf(source.fn));
      const onFailure: string | undefined = config?.['DestinationConfig']?.OnFailure?.Destination?.['Fn::GetAtt']?.[0];
      const group = resourcesOf(templates.api, 'AWS::Scheduler::ScheduleGroup').map(([, g]) => g.Properties['Name']);

      // Assert
      expect(group).toContain(source.group);
      expect(invokes(statementsOf(source.managedBy))).toEqual([[targetArn, { 'Fn::Join': ['', [targetArn, ':*']] }]]);
      expect(failureQueues).toContain(onFailure);
      expect(onFailure).toMatch(new RegExp(`^${source.fn.charAt(0).toUpperCase()}${source.fn.slice(1)}Failures`));
    }
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in the AwsSolutions checks', () => {
    // Act: after synthesis (above), which resolved the cross-stack references some acknowledged findings are named by.
    const report = new AwsSolutionsChecks().validateScope(app);

    // Assert
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath)}`)).toEqual([]);
  });
});

describe('alarms', () => {
  const alarms = (): ({ id: string } & Record<string, any>)[] =>
    resourcesOf(templates.api, 'AWS::CloudWatch::Alarm').map(([id, a]) => ({ id, ...a.Properties }));
  /** The metrics an alarm reads: its one metric, or each MetricStat of its metric math. */
  const metricsOf = (alarm: Record<string, any>): { namespace: string; name: string; dimensions: { Name: string; Value: unknown }[] }[] =>
    alarm['MetricName']
      ? [{ namespace: alarm['Namespace'], name: alarm['MetricName'], dimensions: alarm['Dimensions'] ?? [] }]
      : (alarm['Metrics'] ?? [])
          .filter((query: any) => query.MetricStat)
          .map((query: any) => ({ namespace: query.MetricStat.Metric.Namespace, name: query.MetricStat.Metric.MetricName, dimensions: query.MetricStat.Metric.Dimensions ?? [] }));
  const readingOnly = (namespace: string, name: string) =>
    alarms().filter((alarm) => metricsOf(alarm).length > 0 && metricsOf(alarm).every((m) => m.namespace === namespace && m.name === name));
  const opsTopicIds = () => resourcesOf(templates.api, 'AWS::SNS::Topic').map(([id]) => id).filter((id) => id.includes('OpsAlarms'));

  /**
   * CloudWatch gives every account ten alarm metrics free, then US$0.10 a month each. Market screening's two failure
   * queues (feedFetch's failed runs, feedLots' dead-lettered lots) are the 11th and 12th: US$0.20 a month (README: Cost
   * model). Nothing cheaper says the same: a log-counted dead letter misses a lot whose function timed out, and the
   * account-wide alarms cannot tell a failure that waits to be replayed from one that was retried away.
   */
  const freeAlarmMetrics = 10;
  const alarmMetricsOverFree = 2;

  it(`creates at most six alarms, reading no more than ${freeAlarmMetrics + alarmMetricsOverFree} alarm metrics (CloudWatch's ${freeAlarmMetrics} free and ${alarmMetricsOverFree} at US$0.10 a month)`, () => {
    // Act
    const found = alarms();

    // Assert
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(6);
    expect(found.flatMap(metricsOf).length).toBeLessThanOrEqual(freeAlarmMetrics + alarmMetricsOverFree);
  });

  it('notifies the one ops topic from every alarm, when it goes off and when it clears', () => {
    // Arrange
    expect(opsTopicIds()).toHaveLength(1);
    const topic = { Ref: opsTopicIds()[0] };

    // Act
    const actions = alarms().map((alarm) => ({ id: alarm.id, alarm: alarm['AlarmActions'], ok: alarm['OKActions'] }));

    // Assert
    expect(actions).toEqual(alarms().map((alarm) => ({ id: alarm.id, alarm: [topic], ok: [topic] })));
  });

  it('treats missing data as not breaching in every alarm, so an idle registry never alarms', () => {
    // Act
    const treatment = alarms().map((alarm) => [alarm.id, alarm['TreatMissingData']]);

    // Assert
    expect(treatment).toEqual(alarms().map((alarm) => [alarm.id, 'notBreaching']));
  });

  it('sums the waiting messages of every failure queue the stack has in one dead-letter alarm', () => {
    // Arrange: a queue a function drains is not a failure queue; its dead letters go to the function's failure queue.
    const queueIds = failureQueueIds();
    expect(queueIds).toHaveLength(new Set(eventSources.filter((source) => source.kind !== 'subscription-queues').map((source) => source.fn)).size);

    // Act
    const deadLetterAlarms = readingOnly('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
    const watched = deadLetterAlarms.flatMap(metricsOf).map((m) => m.dimensions.find((d) => d.Name === 'QueueName')?.Value);

    // Assert
    expect(deadLetterAlarms).toHaveLength(1);
    expect(deadLetterAlarms[0]?.['Threshold']).toBe(1);
    expect(watched.map((value: any) => value?.['Fn::GetAtt']?.[0]).sort()).toEqual([...queueIds].sort());
  });

  it('watches the age of the oldest stream record of every table-stream consumer declared in the wiring', () => {
    // Arrange
    const consumers = sourcesOf('table-stream').map((source) => functionIdOf(source.fn));

    // Act
    const ageAlarms = readingOnly('AWS/Lambda', 'IteratorAge');
    const watched = ageAlarms.flatMap(metricsOf).map((m) => (m.dimensions.find((d) => d.Name === 'FunctionName')?.Value as { Ref?: string })?.Ref);

    // Assert
    expect(ageAlarms).toHaveLength(1);
    expect(ageAlarms[0]?.['Threshold']).toBe(5 * 60 * 1000);
    expect(watched.sort()).toEqual([...consumers].sort());
  });

  it("counts each alert a webhook refused through its last attempt, from the delivery function's log", () => {
    // Arrange: the line the delivery handler logs for every refused attempt.
    const source = subscriptionQueueSource();
    const handler = readFileSync(new URL('../../functions/alerts/delivery-handler.ts', import.meta.url), 'utf8');
    const logGroup = resourcesOf(templates.api, 'AWS::Lambda::Function').find(([id]) => id === functionIdOf(source.fn))?.[1].Properties['LoggingConfig']?.['LogGroup'];

    // Act
    const filters = resourcesOf(templates.api, 'AWS::Logs::MetricFilter').map(([, f]) => f.Properties);

    // Assert
    expect(handler).toContain(`logger.warn('${webhookFailureLog.message}', { subscriptionId, alertId, ${webhookFailureLog.attemptField},`);
    expect(filters).toEqual([
      expect.objectContaining({
        LogGroupName: logGroup,
        FilterPattern: `{ ($.message = "${webhookFailureLog.message}") && ($.${webhookFailureLog.attemptField} >= ${source.maxAttempts}) }`,
      }),
    ]);
    const [transformation] = filters[0]?.['MetricTransformations'] ?? [];
    expect(readingOnly(transformation?.MetricNamespace, transformation?.MetricName)).toHaveLength(1);
  });
});
