// Webhook delivery of one alert to one subscription: signed, and retried later with exponential backoff.
import type { Clock } from '../objects/model.ts';
import { signBody, signatureHeader } from './signature.ts';
import type { SubscriptionRepository, WebhookSender } from './model.ts';

/** SQS holds a message back for at most 12 hours. */
const maxDelaySeconds = 12 * 60 * 60;

/** How long to wait after failed attempt `attempt` (1, 2, ...): base, 2 x base, 4 x base, ... */
export const retryDelaySeconds = (attempt: number, baseSeconds: number) => Math.min(baseSeconds * 2 ** (attempt - 1), maxDelaySeconds);

export type DeliveryOutcome = 'delivered' | 'subscription-ended';

export async function deliverAlert(
  delivery: { subscriptionId: string; alertId: string; event: string; body: string },
  deps: { subscriptions: Pick<SubscriptionRepository, 'get'>; webhooks: WebhookSender; clock: Clock },
): Promise<DeliveryOutcome> {
  const subscription = await deps.subscriptions.get(delivery.subscriptionId);
  // A message still queued when its subscription ended is dropped: the partner asked to hear nothing more.
  if (!subscription || subscription.delivery.type !== 'webhook' || !subscription.signingSecret) return 'subscription-ended';
  const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
  await deps.webhooks.post(subscription.delivery.url, delivery.body, {
    'content-type': 'application/json',
    [signatureHeader]: signBody(subscription.signingSecret, delivery.body, timestamp),
    'x-registry-alert-id': delivery.alertId,
    'x-registry-event': delivery.event,
    'x-registry-subscription-id': subscription.id,
  });
  return 'delivered';
}
