// The stateful resources, declared once: the CDK stack and the local runtime both create them from here.

export const table = {
  /** Local name; in AWS CloudFormation names it. */
  localName: 'registry',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'byCreated', partitionKey: 'listPk', sortKey: 'listSk' },
    { name: 'byCountry', partitionKey: 'countryPk', sortKey: 'listSk' },
    // Objects and images by the time they last changed: what the matching index loads after its snapshot.
    { name: 'byChange', partitionKey: 'changePk', sortKey: 'changeSk' },
    // Objects of a country by the time they last changed: the watch lists' downloads and refreshes.
    { name: 'byCountryChange', partitionKey: 'countryPk', sortKey: 'changeSk' },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
  /** Items carrying it (epoch seconds) are deleted once it has passed: Powertools' default for idempotency records. */
  ttlAttribute: 'expiration',
} as const;

/**
 * The audit log: append-only (the functions may only put items), apart from the registry table so that no grant on
 * one reaches the other. Access patterns: an object's entries (pk), a person's entries (index byActor).
 */
export const auditTable = {
  localName: 'registry-audit',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [{ name: 'byActor', partitionKey: 'actorPk', sortKey: 'sk' }],
} as const;

/**
 * The request counters of the rate limits (infra/throttles.ts), one item per caller, bucket and minute, apart from the
 * registry table so that the grant to update them reaches nothing else. Items expire through TTL after their minute.
 */
export const rateTable = {
  localName: 'registry-rate',
  partitionKey: 'pk',
  ttlAttribute: 'expiration',
} as const;

export const bucket = {
  localName: 'registry-images',
  /** Where browsers upload originals; these move to Glacier Instant Retrieval after 30 days. */
  uploadsPrefix: 'uploads/',
  /** Query photos for searches and sightings, kept apart: they never trigger the object image processor. */
  queriesPrefix: 'queries/',
  /** Snapshots of the matching index. */
  indexPrefix: 'index/',
  normalisedPrefix: 'images/',
  thumbnailsPrefix: 'thumbs/',
  originalsToGlacierAfterDays: 30,
  maxUploadBytes: 25 * 1024 * 1024,
} as const;

/** What a function that only reads the bucket may read: every prefix but the originals. */
export const readablePrefixes = [bucket.normalisedPrefix, bucket.thumbnailsPrefix, bucket.queriesPrefix, bucket.indexPrefix] as const;

export const alertsTopic = {
  localName: 'registry-alerts',
} as const;

/** Each webhook subscription gets a queue named <prefix><subscription id> and a dead-letter queue <that>-dlq. */
export const alertQueues = {
  prefix: 'registry-alert-',
  deadLetterSuffix: '-dlq',
} as const;

/** Market feeds: one EventBridge Scheduler schedule per feed, named <prefix><feed id>, all in one group. */
export const feedSchedules = {
  group: 'registry-feeds',
  namePrefix: 'feed-',
} as const;

/** The lots read from market feeds, one message per lot, and the dead-letter queue <name>-dlq. */
export const lotQueue = {
  localName: 'registry-feed-lots',
  deadLetterSuffix: '-dlq',
} as const;

/** Environment variables the functions read (functions/config.ts parses them). */
export const env = {
  table: 'TABLE_NAME',
  auditTable: 'AUDIT_TABLE_NAME',
  rateTable: 'RATE_TABLE_NAME',
  bucket: 'BUCKET_NAME',
  alertsTopic: 'ALERTS_TOPIC_ARN',
  jwtIssuer: 'JWT_ISSUER',
  jwtAudience: 'JWT_AUDIENCE',
  jwksUri: 'JWKS_URI',
  /** Base URL of the API, for the links in alerts. */
  apiUrl: 'API_URL',
  /** Where the web console is served (set on the function that answers GET / on the API). */
  consoleUrl: 'CONSOLE_URL',
  /** Name or ARN of the function that drains subscription queues (set on the function that creates them). */
  alertDeliveryFunction: 'ALERT_DELIVERY_FUNCTION',
  /** First webhook retry delay in seconds; each further retry waits twice as long. */
  webhookRetryBaseSeconds: 'WEBHOOK_RETRY_BASE_SECONDS',
  /** The Cognito user pool members are invited into (set on the function that invites; absent locally). */
  userPoolId: 'USER_POOL_ID',
  /** Local only: lets webhooks point at http://127.0.0.1 for development. */
  allowLoopbackWebhooks: 'ALLOW_LOOPBACK_WEBHOOKS',
  /** Local only: lets market feeds and their images be read from http://127.0.0.1 (tests serve feeds there). */
  allowLoopbackFeeds: 'ALLOW_LOOPBACK_FEEDS',
  /** The schedule group of the feeds, the function a schedule runs and the role it runs it with (set on the feeds function). */
  feedScheduleGroup: 'FEED_SCHEDULE_GROUP',
  feedFetchFunction: 'FEED_FETCH_FUNCTION',
  feedSchedulerRole: 'FEED_SCHEDULER_ROLE_ARN',
  /** URL of the lot queue (set on the function that reads feeds). */
  lotQueueUrl: 'LOT_QUEUE_URL',
  /** The KMS key that signs certificates (set on the function that signs, in AWS). */
  signingKeyId: 'SIGNING_KEY_ID',
  /** Local only: the PEM file of the key that signs certificates, made on first use. */
  localSigningKeyFile: 'LOCAL_SIGNING_KEY_FILE',
} as const;
