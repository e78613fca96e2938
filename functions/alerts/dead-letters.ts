// Alerts a webhook refused until the retries ran out: admins list them and send them back for another round.
import { Alert, type DeadLetter } from '../../schemas/alerts.ts';
import { NotFound } from '../http/errors.ts';
import type { DeadLetterQueues, SubscriptionRepository } from './model.ts';

type DeadLetterDeps = { deadLetters: DeadLetterQueues; subscriptions: Pick<SubscriptionRepository, 'get'> };

export async function listDeadLetters(deps: DeadLetterDeps): Promise<DeadLetter[]> {
  const messages = await deps.deadLetters.list();
  const owners = new Map<string, string>();
  const items: DeadLetter[] = [];
  for (const message of messages) {
    if (!owners.has(message.subscriptionId)) owners.set(message.subscriptionId, (await deps.subscriptions.get(message.subscriptionId))?.org ?? '');
    const alert = Alert.safeParse(JSON.parse(message.body));
    // Only the alerts topic sends to these queues; anything else was never an alert and cannot be delivered.
    if (!alert.success) continue;
    items.push({
      subscriptionId: message.subscriptionId,
      org: owners.get(message.subscriptionId) ?? '',
      alertId: alert.data.alertId,
      event: alert.data.event,
      occurredAt: alert.data.occurredAt,
      queuedAt: message.queuedAt,
    });
  }
  return items.sort((a, b) => b.queuedAt.localeCompare(a.queuedAt));
}

export async function redriveDeadLetters(subscriptionId: string | undefined, deps: DeadLetterDeps): Promise<number> {
  if (subscriptionId && !(await deps.subscriptions.get(subscriptionId))) throw new NotFound(`No subscription ${subscriptionId}`);
  return deps.deadLetters.redrive(subscriptionId);
}
