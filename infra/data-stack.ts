// The stateful stack: table, image bucket, alerts topic and user pool, kept apart from the code that uses them.
import { consoleOrigins } from './console-origins.ts';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Alias, Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, StorageClass } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { ConsoleSite } from './console-site.ts';
import { Identity } from './identity.ts';
import { auditTable as auditDecl, bucket as bucketDecl, rateTable as rateDecl, table as tableDecl } from './resources.ts';

export interface DataStackProps extends StackProps {
  /** Browser origins allowed to upload (presigned POST) to and read from the image bucket. */
  webOrigins: string[];
  /** Where the web client's code grant returns to, besides the console's own origin. */
  callbackUrls: string[];
  /** The hosted sign-in page's address: https://<prefix>.auth.<region>.amazoncognito.com (globally unique). */
  authDomainPrefix: string;
}

export class DataStack extends Stack {
  readonly table: Table;
  readonly auditTable: Table;
  readonly rateTable: Table;
  readonly bucket: Bucket;
  readonly alertsTopic: Topic;
  readonly identity: Identity;
  readonly signingKey: Key;
  readonly consoleSite: ConsoleSite;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, { terminationProtection: true, ...props });

    const key = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new Table(this, 'Table', {
      partitionKey: key(tableDecl.partitionKey),
      sortKey: key(tableDecl.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The stream is the outbox alerts are sent from (conventions: never "write then publish").
      stream: StreamViewType[tableDecl.stream],
      encryption: TableEncryption.AWS_MANAGED,
      // Expired idempotency records are deleted by TTL; the deletions arrive on the stream as REMOVE records, which no
      // stream source's filter takes.
      timeToLiveAttribute: tableDecl.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableDecl.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
      });
    }
    this.auditTable = new Table(this, 'AuditLog', {
      partitionKey: key(auditDecl.partitionKey),
      sortKey: key(auditDecl.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of auditDecl.indexes) {
      this.auditTable.addGlobalSecondaryIndex({ indexName: index.name, partitionKey: key(index.partitionKey), sortKey: key(index.sortKey) });
    }
    this.rateTable = new Table(this, 'RateCounters', {
      partitionKey: key(rateDecl.partitionKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: rateDecl.ttlAttribute,
      // Counters of the current minute: nothing in it is worth restoring or keeping.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.rateTable).acknowledge({ id: 'AwsSolutions-DDB3', reason: 'Request counters that expire within two minutes: there is nothing to recover.' });
    for (const kept of [this.table, this.auditTable]) {
      Validations.of(kept).acknowledge({
        id: 'AwsSolutions-DDB4',
        reason: 'Point-in-time recovery gives 35 days of restores; an AWS Backup plan on top would add cost without need.',
      });
    }

    this.consoleSite = new ConsoleSite(this, 'Console');
    const origins = [...consoleOrigins(this, props.webOrigins), this.consoleSite.origin];
    this.bucket = new Bucket(this, 'Images', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // Browsers on the console's origins upload (presigned POST) and read photos.
      cors: [{ allowedMethods: [HttpMethods.POST, HttpMethods.GET], allowedOrigins: origins, allowedHeaders: ['*'], maxAge: 3600 }],
      // Originals (object photos and query photos) are rarely read after processing: Glacier Instant Retrieval
      // keeps them readable in milliseconds at a fraction of the price. Normalised images, thumbnails and index
      // snapshots are read often and stay in Standard.
      lifecycleRules: [
        ...[
          { id: 'originals-to-glacier-ir', prefix: bucketDecl.uploadsPrefix },
          { id: 'query-originals-to-glacier-ir', prefix: bucketDecl.queriesPrefix },
        ].map(({ id, prefix }) => ({
          id,
          prefix,
          transitions: [
            {
              storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL,
              transitionAfter: Duration.days(bucketDecl.originalsToGlacierAfterDays),
            },
          ],
        })),
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Access logs need a second bucket and cost per request; the API access log records who was handed each presigned URL.',
    });

    this.alertsTopic = new Topic(this, 'Alerts', {
      displayName: 'Stolen object registry alerts',
      enforceSSL: true,
      // The AWS-managed key is free; a customer key would cost a monthly fee per museum deployment.
      masterKey: Alias.fromAliasName(this, 'SnsManagedKey', 'alias/aws/sns'),
    });

    this.identity = new Identity(this, 'Identity', {
      callbackUrls: [...props.callbackUrls, `${this.consoleSite.origin}/`],
      domainPrefix: props.authDomainPrefix,
    });

    // Signs due-diligence certificates; the private key never leaves KMS. Certificates already issued are checked
    // against it for as long as they are shown, so it is kept even if the stack goes.
    this.signingKey = new Key(this, 'CertificateSigningKey', {
      description: 'Signs due-diligence certificates of registry searches',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    new CfnOutput(this, 'ConsoleUrl', { value: this.consoleSite.origin });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'Issuer', { value: this.identity.issuer });
    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    // Partners with an SQS subscription let this topic send to their queue.
    new CfnOutput(this, 'AlertsTopicArn', { value: this.alertsTopic.topicArn });
  }
}
