// What the registry keeps of subscriptions and alerts, and the ports through which alerts leave it.
import type { Alert, AlertEvent, CreateSubscription, SubscriptionView } from '../../schemas/alerts.ts';
import type { Role } from '../../schemas/identity.ts';
import type { Visibility } from '../../schemas/object-id.ts';

/** Where a subscription's alerts go in AWS: its SNS subscription and, for webhooks, its queue and that queue's consumer. */
export type ChannelRefs = {
  snsSubscriptionArn?: string;
  queueUrl?: string;
  deadLetterQueueUrl?: string;
  mappingId?: string;
};

export type StoredSubscription = SubscriptionView & {
  /** The role of whoever subscribed: a museum hears of matches on its own objects only. */
  role: Role;
  createdBy: string;
  /** Webhooks only: the HMAC key, shown to the partner once. */
  signingSecret?: string;
  channel: ChannelRefs;
};

/** Who a subscription speaks for: what it may hear depends on the organisation and the role. */
export type Audience = Pick<StoredSubscription, 'org' | 'role'>;

/** The message attributes SNS filters on; the feed applies the same filter to them. */
export type AlertAttributes = {
  event: AlertEvent;
  alertId: string;
  /** Where the loss happened (alerts about an object). */
  country?: string;
  /** Where the object was seen (matches and category matches). */
  seenIn?: string;
  /** Normalised (see objects/object-type.ts). */
  objectType?: string;
  ownerOrg?: string;
  /** Who may read the object (see infra/permissions.ts). */
  visibility?: Visibility;
  score?: number;
  /** The Red List category of a category match. */
  redList?: string;
};

export interface SubscriptionRepository {
  create(subscription: StoredSubscription): Promise<void>;
  get(id: string): Promise<StoredSubscription | undefined>;
  listByOrg(org: string): Promise<StoredSubscription[]>;
  /** Replaces the subscription if its stored version is still `expectedVersion`; false if stale. */
  replace(subscription: StoredSubscription, expectedVersion: number): Promise<boolean>;
  delete(id: string): Promise<void>;
}

export interface AlertRepository {
  /** Keeps an alert for the pull feed; the same alert twice is one item. */
  record(alert: Alert): Promise<void>;
  /** Alerts newest first, from `since` on, after the position a cursor names; each item says where it stands. */
  newest(from: { since?: string; cursor?: string }): AsyncIterable<{ alert: Alert; cursor: string }>;
}

export type SnsFilterPolicy = Record<string, unknown>;

/** The delivery side in AWS: SNS subscriptions and, for webhooks, a queue with its consumer. */
export interface AlertChannels {
  open(subscription: { id: string; delivery: CreateSubscription['delivery']; policy: SnsFilterPolicy }): Promise<{ refs: ChannelRefs; pendingConfirmation: boolean }>;
  changePolicy(refs: ChannelRefs, policy: SnsFilterPolicy): Promise<void>;
  /** Removes whatever `open` made; parts already gone are fine. */
  close(refs: ChannelRefs): Promise<void>;
}

export interface AlertTopic {
  publish(alert: Alert, attributes: AlertAttributes): Promise<void>;
}

export type DeadLetterMessage = { subscriptionId: string; body: string; queuedAt: string };

export interface DeadLetterQueues {
  list(): Promise<DeadLetterMessage[]>;
  /** Moves dead letters back to their subscription's queue; returns how many moved. */
  redrive(subscriptionId?: string): Promise<number>;
}

/** Sends one signed alert to a webhook; throws when the receiver did not take it (non-2xx, timeout, refused). */
export interface WebhookSender {
  post(url: string, body: string, headers: Record<string, string>): Promise<void>;
}
