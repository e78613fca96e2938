// One Lambda function built from its wiring declaration: bundle, role, log group, and exactly the declared grants.
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type IDestination, type ILayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import * as path from 'node:path';
import { alertQueues, env, readablePrefixes } from './resources.ts';
import type { FunctionDecl } from './wiring.ts';

/** What a function may be granted access to; the declaration picks from these. */
export interface Grantables {
  table: ITable;
  auditTable: ITable;
  userPool: IUserPool;
  bucket: IBucket;
  alertsTopic: ITopic;
  signingKey: IKey;
}

export interface RegistryFunctionProps {
  decl: FunctionDecl;
  /** Directory the declaration's entry path and package-lock.json are relative to. */
  repoRoot: string;
  resources: Grantables;
  environment: Record<string, string>;
  /** Modules left out of the bundle because a layer supplies them (native code built for Lambda). */
  layered?: { modules: string[]; layers: ILayerVersion[] };
  /** For functions invoked asynchronously: where events go after the retries fail. */
  onFailure?: IDestination;
}

/**
 * The ARN pattern of the per-subscription queues and their dead-letter queues (<prefix><id>, <prefix><id>-dlq), which
 * the alerts function makes at run time in this stack's account and region.
 */
export function subscriptionQueueArns(scope: Construct): string {
  return Stack.of(scope).formatArn({
    service: 'sqs',
    resource: `${alertQueues.prefix}*`,
    arnFormat: ArnFormat.NO_RESOURCE_NAME,
  });
}

/** Receiving is all a consumer does; a Lambda event source mapping needs exactly these on its queue. */
const consumeQueueActions = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'];
/** Making a subscription's queues, pointing the topic at them, and redriving dead letters between them. */
const manageQueueActions = [
  'sqs:CreateQueue',
  'sqs:DeleteQueue',
  'sqs:GetQueueAttributes',
  'sqs:SetQueueAttributes',
  'sqs:GetQueueUrl',
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:SendMessage',
  'sqs:ChangeMessageVisibility',
];

// esbuild's ESM output has no `require`; CommonJS dependencies bundled into it still call it.
export const requireShim = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** Modules left out of the bundle: those a layer supplies, and packages shipped as files beside it. */
export const externalModulesOf = (decl: FunctionDecl, layered: string[] = []): string[] => [
  ...layered,
  ...(decl.packageFiles ?? []).filter((files) => files.external).map((files) => files.package),
];

// The vocabulary (142 KB of terms in ten languages) is imported from a JSON file beside the bundle, not inlined: it
// would take the matching functions over their 1 MB budget. Node reads it with the import attribute esbuild keeps.
const jsonBesideBundle = ['schemas/vocabulary-terms.json'];

/**
 * Files the function reads from disk, copied beside its bundle: its data files (flat, next to index.mjs) and files of
 * npm packages under node_modules/ as in the repository (see FunctionDecl).
 */
export function filesBesideBundle(decl: Pick<FunctionDecl, 'data' | 'packageFiles'>) {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => [
      ...[...jsonBesideBundle, ...(decl.data ?? [])].map((file) => `cp "${path.posix.join(inputDir, file)}" "${outputDir}/"`),
      ...(decl.packageFiles ?? []).flatMap(({ package: name, files }) => {
        const [from, to] = [path.posix.join(inputDir, 'node_modules', name), path.posix.join(outputDir, 'node_modules', name)];
        const dirs = [...new Set(files.map((file) => path.posix.dirname(file)))];
        // Globs are left unquoted for the shell to expand; every other part is quoted.
        return [`mkdir -p ${dirs.map((dir) => `"${path.posix.join(to, dir)}"`).join(' ')}`, ...files.map((file) => `cp "${from}/"${file} "${path.posix.join(to, path.posix.dirname(file))}/"`)];
      }),
    ],
  };
}

export class RegistryFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: RegistryFunctionProps) {
    super(scope, id);
    const { decl, resources } = props;

    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    // An own role instead of AWSLambdaBasicExecutionRole: it may write to its own log group and nowhere else.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: decl.description,
    });
    logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(props.repoRoot, decl.entry),
      handler: 'handler',
      projectRoot: props.repoRoot,
      depsLockFilePath: path.join(props.repoRoot, 'package-lock.json'),
      description: decl.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: decl.memoryMb,
      timeout: Duration.seconds(decl.timeoutSeconds),
      role: this.role,
      logGroup,
      environment: props.environment,
      layers: props.layered?.layers,
      onFailure: props.onFailure,
      retryAttempts: props.onFailure ? 2 : undefined,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        // Greek, Cyrillic, Arabic and Chinese terms (vocabulary, language models) as UTF-8, not \uXXXX escapes twice their size.
        charset: Charset.UTF8,
        // Maps without the sources they map: a stack trace in the logs still names file and line (NODE_OPTIONS
        // --enable-source-maps), and the zip is not mostly a copy of node_modules.
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        banner: requireShim,
        // Bundle the AWS SDK: a pinned, tree-shaken SDK starts faster than the runtime's and never changes under us.
        bundleAwsSDK: true,
        externalModules: externalModulesOf(decl, props.layered?.modules),
        esbuildArgs: {
          '--alias:pako': path.join(props.repoRoot, 'infra', 'bundling', 'pako.ts'),
          ...Object.fromEntries(jsonBesideBundle.map((file) => [`--external:./${path.posix.basename(file)}`, true])),
        },
        // No Docker here or in CI: esbuild from node_modules bundles on the host.
        forceDockerBundling: false,
        commandHooks: filesBesideBundle(decl),
      },
    });

    const { access } = decl;
    if (access.table === 'read') resources.table.grantReadData(this.role);
    if (access.table === 'readWrite') resources.table.grantReadWriteData(this.role);
    // Appending is all a function may do to the audit log: no grant can change or delete an entry.
    if (access.audit) this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [resources.auditTable.tableArn] }));
    if (access.audit === 'read') resources.auditTable.grant(this.role, 'dynamodb:Query', 'dynamodb:DescribeTable');
    if (access.userPool === 'invite') {
      resources.userPool.grant(this.role, 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminAddUserToGroup');
      this.fn.addEnvironment(env.userPoolId, resources.userPool.userPoolId);
    }
    if (access.signingKey === 'sign') {
      resources.signingKey.grant(this.role, 'kms:Sign', 'kms:GetPublicKey');
      this.fn.addEnvironment(env.signingKeyId, resources.signingKey.keyArn);
    }
    // Readers never see the originals (uploads/): those keep the photo as the museum sent it, metadata and all.
    if (access.bucket === 'read') {
      for (const prefix of readablePrefixes) resources.bucket.grantRead(this.role, `${prefix}*`);
    }
    if (access.bucket === 'readWrite') resources.bucket.grantReadWrite(this.role);
    if (access.alertsTopic === 'publish') resources.alertsTopic.grantPublish(this.role);
    if (access.alertsTopic === 'subscribe') {
      const { topicArn } = resources.alertsTopic;
      this.role.addToPrincipalPolicy(
        new PolicyStatement({ actions: ['sns:Subscribe', 'sns:ListSubscriptionsByTopic'], resources: [topicArn] }),
      );
      // A subscription's ARN is the topic's ARN followed by ':<id>': this covers this topic's subscriptions only.
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['sns:Unsubscribe', 'sns:SetSubscriptionAttributes', 'sns:GetSubscriptionAttributes'],
          resources: [`${topicArn}:*`],
        }),
      );
    }
    if (access.subscriptionQueues) {
      const manages = access.subscriptionQueues === 'manage';
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: manages ? manageQueueActions : consumeQueueActions,
          resources: [subscriptionQueueArns(this)],
        }),
      );
      // ListQueues has no resource-level permissions: IAM accepts it on '*' only (it lists names, reads no messages).
      if (manages) this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sqs:ListQueues'], resources: ['*'] }));
    }
  }
}
