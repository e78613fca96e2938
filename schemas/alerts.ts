// Alerts and the subscriptions of partners: what a partner asks to hear about, and the message it then receives.
import * as z from 'zod';
import { Confidence, Reason, ReportSighting, SightingChannel } from './matching.ts';
import { ObjectStatus, Visibility } from './object-id.ts';
import { RedListHit, redLists } from './red-lists.ts';
import { CountryCode, Id, Timestamp, text } from './primitives.ts';

export const AlertEvent = z.enum(['match', 'new-object', 'status-change', 'category-match']).meta({
  id: 'AlertEvent',
  description:
    'match: a sighting matched an object; new-object: a loss was registered; status-change: e.g. recovered; category-match: a sighting fits a Red List category, registered or not',
});
export type AlertEvent = z.infer<typeof AlertEvent>;

const unique = <T>(values: T[]) => new Set(values).size === values.length;

export const SubscriptionFilter = z
  .strictObject({
    events: z.array(AlertEvent).min(1).max(AlertEvent.options.length).refine(unique, 'must not repeat an event'),
    countries: z
      .array(CountryCode)
      .min(1)
      .max(30)
      .refine(unique, 'must not repeat a country')
      .optional()
      .meta({ description: 'Only alerts about these countries: where the loss happened or, for matches, also where the object was seen' }),
    objectTypes: z.array(text(100)).min(1).max(30).optional().meta({ description: 'Only these object types, e.g. ["icon", "manuscript"]' }),
    minScore: z.number().min(0).max(1).optional().meta({ description: 'Only matches scoring at least this; other events are not affected' }),
    redLists: z
      .array(z.enum(redLists.map((list) => list.id)))
      .min(1)
      .max(redLists.length)
      .refine(unique, 'must not repeat a Red List')
      .optional()
      .meta({ description: 'Only category-match alerts of these Red List categories (GET /v1/red-lists); other events are not affected' }),
  })
  .refine((filter) => !filter.redLists || filter.events.includes('category-match'), {
    path: ['redLists'],
    message: 'selects category-match alerts only: add "category-match" to events',
  })
  .meta({ id: 'SubscriptionFilter' });
export type SubscriptionFilter = z.infer<typeof SubscriptionFilter>;

export const Delivery = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('webhook'),
      url: z.url({ protocol: /^https?$/ }).max(2000).meta({ description: 'Receives each alert as a signed POST (X-Registry-Signature)' }),
    }),
    z.strictObject({
      type: z.literal('sqs'),
      queueArn: z
        .string()
        .regex(/^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$/, 'must be an SQS queue ARN such as "arn:aws:sqs:eu-west-1:123456789012:alerts"')
        .meta({ description: 'Your queue; its policy must let the alerts topic send to it. Receives the raw alert' }),
    }),
    z.strictObject({ type: z.literal('email'), address: z.email().max(320) }),
    z.strictObject({ type: z.literal('feed') }).meta({ description: 'No push: read the alerts from GET /v1/alerts' }),
  ])
  .meta({ id: 'Delivery' });
export type Delivery = z.infer<typeof Delivery>;

export const CreateSubscription = z
  .strictObject({ name: text(200), delivery: Delivery, filter: SubscriptionFilter })
  .meta({ id: 'CreateSubscription' });
export type CreateSubscription = z.infer<typeof CreateSubscription>;

export const EditSubscription = z
  .strictObject({ name: text(200).optional(), filter: SubscriptionFilter.optional() })
  .refine((patch) => Object.keys(patch).length > 0, 'must change name or filter')
  .meta({ id: 'EditSubscription', description: 'To change the delivery, end the subscription and make a new one' });
export type EditSubscription = z.infer<typeof EditSubscription>;

export const SubscriptionView = z
  .strictObject({
    id: Id,
    org: z.string(),
    name: z.string(),
    delivery: Delivery,
    filter: SubscriptionFilter,
    status: z
      .enum(['active', 'pending-confirmation'])
      .meta({ description: 'pending-confirmation: an email address (or another account\'s queue) has not confirmed yet' }),
    version: z.int().positive(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Subscription' });
export type SubscriptionView = z.infer<typeof SubscriptionView>;

export const SubscriptionCreated = SubscriptionView.extend({
  signingSecret: z
    .string()
    .optional()
    .meta({ description: 'Webhooks only, shown this once: the key of the HMAC-SHA256 in X-Registry-Signature' }),
}).meta({ id: 'SubscriptionCreated' });

export const SubscriptionList = z.strictObject({ items: z.array(SubscriptionView) }).meta({ id: 'SubscriptionList' });
export const SubscriptionIdParam = z.strictObject({ id: Id });

export const alertSchemaVersion = 1;

const AlertSighting = z.strictObject({
  id: Id,
  channel: SightingChannel,
  seenAt: ReportSighting.shape.seenAt,
  link: z.url(),
  sourceUrl: z.string().optional().meta({ description: 'The listing or catalogue page: for a lot read from a market feed, its page, with the sale date in seenAt' }),
});

/** The message every channel carries (webhook body, SQS message, email body, feed item). Never restricted fields. */
export const Alert = z
  .strictObject({
    schemaVersion: z.literal(alertSchemaVersion),
    alertId: z.string().meta({ description: 'The same alert always has the same id: drop one you have seen' }),
    event: AlertEvent,
    occurredAt: Timestamp,
    summary: z.string().meta({ description: 'One line for a person', examples: ["Match 0.82 (high): 'Icon of St Nicholas' (icon, GR, stolen) seen by customs in BG"] }),
    object: z
      .strictObject({
        id: Id,
        title: z.string().optional(),
        objectType: z.string(),
        status: ObjectStatus,
        visibility: Visibility.optional().meta({ description: 'Who may read the record: pass a law-enforcement one on to no one else' }),
        country: CountryCode.meta({ description: 'Where the loss happened' }),
        ownerOrg: z.string(),
        link: z.url().meta({ description: 'The record in the registry API' }),
        thumbnailUrl: z.url().meta({ description: 'Redirects to the thumbnail of its first photo (404 while it has none)' }),
      })
      .optional()
      .meta({ description: 'The registered object; every event but category-match has one' }),
    match: z
      .strictObject({
        id: Id,
        score: z.number(),
        confidence: Confidence,
        reasons: z.array(Reason),
        sighting: AlertSighting,
      })
      .optional(),
    statusChange: z.strictObject({ from: ObjectStatus, to: ObjectStatus }).optional(),
    category: z
      .strictObject({ redList: RedListHit, sighting: AlertSighting })
      .optional()
      .meta({ description: 'category-match only: the Red List category the sighting fits, and why' }),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof Alert>;

export const AlertFeedQuery = z.strictObject({
  since: Timestamp.optional().meta({ description: 'Only alerts that occurred at or after this instant' }),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type AlertFeedQuery = z.infer<typeof AlertFeedQuery>;

export const AlertFeed = z
  .strictObject({
    items: z.array(Alert),
    cursor: z.string().optional().meta({ description: 'Pass as ?cursor= for older alerts; absent on the last page' }),
  })
  .meta({ id: 'AlertFeed' });

export const DeadLetter = z
  .strictObject({
    subscriptionId: Id,
    org: z.string(),
    alertId: z.string(),
    event: AlertEvent,
    occurredAt: Timestamp,
    queuedAt: Timestamp.meta({ description: 'When the alert entered the subscription queue, before its first attempt' }),
  })
  .meta({ id: 'DeadLetter' });
export type DeadLetter = z.infer<typeof DeadLetter>;

export const DeadLetterList = z.strictObject({ items: z.array(DeadLetter) }).meta({ id: 'DeadLetterList' });

export const Redrive = z
  .strictObject({ subscriptionId: Id.optional().meta({ description: 'Only this subscription; all of them when absent' }) })
  .meta({ id: 'Redrive' });
export type Redrive = z.infer<typeof Redrive>;

export const RedriveResult = z.strictObject({ redriven: z.int().min(0) }).meta({ id: 'RedriveResult' });
