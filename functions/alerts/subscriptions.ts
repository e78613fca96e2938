// Subscriptions: a partner organisation says which alerts it wants and where; SNS then does the filtering.
import { randomBytes } from 'node:crypto';
import type { CreateSubscription, EditSubscription, SubscriptionView } from '../../schemas/alerts.ts';
import type { Caller } from '../../schemas/identity.ts';
import { Conflict, NotFound } from '../http/errors.ts';
import type { Clock, Ids } from '../objects/model.ts';
import { assertDeliverable, assertMayHear } from './access.ts';
import { assertWithinSnsLimits, filterPolicy } from './filter.ts';
import type { AlertChannels, StoredSubscription, SubscriptionRepository } from './model.ts';

/** Each webhook subscription has its own queue: a bound keeps one organisation from making thousands. */
export const maxSubscriptionsPerOrg = 20;

export type SubscriptionDeps = {
  subscriptions: SubscriptionRepository;
  channels: AlertChannels;
  clock: Clock;
  ids: Ids;
  webhooks: { allowLoopback: boolean };
};

export function subscriptionView(subscription: StoredSubscription): SubscriptionView {
  const { role: _role, createdBy: _createdBy, signingSecret: _secret, channel: _channel, ...view } = subscription;
  return view;
}

export async function createSubscription(
  input: CreateSubscription,
  caller: Caller,
  deps: SubscriptionDeps,
): Promise<{ subscription: StoredSubscription; signingSecret?: string }> {
  assertMayHear(caller, input.filter);
  assertDeliverable(input.delivery, deps.webhooks);
  const audience = { org: caller.org, role: caller.role };
  assertWithinSnsLimits(input.filter, audience);
  const existing = await deps.subscriptions.listByOrg(caller.org);
  if (existing.length >= maxSubscriptionsPerOrg) {
    throw new Conflict(`An organisation may have at most ${maxSubscriptionsPerOrg} subscriptions; end one you no longer need`);
  }

  const id = deps.ids.next();
  const now = deps.clock.now().toISOString();
  const opened =
    input.delivery.type === 'feed'
      ? { refs: {}, pendingConfirmation: false }
      : await deps.channels.open({ id, delivery: input.delivery, policy: filterPolicy(input.filter, audience) });
  const signingSecret = input.delivery.type === 'webhook' ? `whsec_${randomBytes(32).toString('base64url')}` : undefined;
  const subscription: StoredSubscription = {
    id,
    org: caller.org,
    name: input.name,
    delivery: input.delivery,
    filter: input.filter,
    status: opened.pendingConfirmation ? 'pending-confirmation' : 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
    role: caller.role,
    createdBy: caller.sub,
    ...(signingSecret ? { signingSecret } : {}),
    channel: opened.refs,
  };
  try {
    await deps.subscriptions.create(subscription);
  } catch (error) {
    // Nothing half-made: a subscription that is not on record must not receive alerts either.
    await deps.channels.close(opened.refs);
    throw error;
  }
  return { subscription, ...(signingSecret ? { signingSecret } : {}) };
}

/** The caller's own subscription; another organisation's is reported as missing, not as forbidden. */
export async function ownSubscription(id: string, caller: Caller, deps: Pick<SubscriptionDeps, 'subscriptions'>): Promise<StoredSubscription> {
  const found = await deps.subscriptions.get(id);
  if (!found || found.org !== caller.org) throw new NotFound(`No subscription ${id}`);
  return found;
}

export async function listSubscriptions(caller: Caller, deps: Pick<SubscriptionDeps, 'subscriptions'>): Promise<StoredSubscription[]> {
  return deps.subscriptions.listByOrg(caller.org);
}

export async function editSubscription(
  id: string,
  patch: EditSubscription,
  expectedVersion: number,
  caller: Caller,
  deps: SubscriptionDeps,
): Promise<StoredSubscription> {
  const current = await ownSubscription(id, caller, deps);
  if (current.version !== expectedVersion) throw staleVersion();
  const audience = { org: current.org, role: current.role };
  if (patch.filter) {
    assertMayHear(caller, patch.filter);
    assertWithinSnsLimits(patch.filter, audience);
  }
  const edited: StoredSubscription = {
    ...current,
    ...patch,
    version: current.version + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  if (!(await deps.subscriptions.replace(edited, expectedVersion))) throw staleVersion();
  if (patch.filter && current.channel.snsSubscriptionArn) {
    try {
      await deps.channels.changePolicy(current.channel, filterPolicy(patch.filter, audience));
    } catch (error) {
      // The record must describe what SNS does: put the old filter back before failing.
      await deps.subscriptions.replace({ ...current, version: edited.version + 1, updatedAt: edited.updatedAt }, edited.version);
      throw error;
    }
  }
  return edited;
}

export async function deleteSubscription(id: string, caller: Caller, deps: SubscriptionDeps): Promise<void> {
  const current = await ownSubscription(id, caller, deps);
  // Stop the deliveries first: a failure here leaves the record, so deleting again finishes the job.
  await deps.channels.close(current.channel);
  await deps.subscriptions.delete(id);
}

const staleVersion = () =>
  new Conflict('The subscription changed since you read it; read it again and reapply your change', [
    { path: 'If-Match', reason: 'is not the current version' },
  ]);
