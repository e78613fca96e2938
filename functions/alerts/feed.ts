// The pull feed: the alerts an organisation's subscriptions matched, for partners that poll instead of receiving.
import type { Alert, AlertFeedQuery } from '../../schemas/alerts.ts';
import type { Caller } from '../../schemas/identity.ts';
import { attributesOf, matchesFilter } from './filter.ts';
import type { AlertRepository, SubscriptionRepository } from './model.ts';

/** Alerts looked at per request at most; past that the page ends early and its cursor goes on from there. */
const maxScanned = 1000;

export async function alertFeed(
  query: AlertFeedQuery,
  caller: Caller,
  deps: { subscriptions: SubscriptionRepository; alerts: AlertRepository },
): Promise<{ items: Alert[]; cursor?: string }> {
  const subscriptions = await deps.subscriptions.listByOrg(caller.org);
  if (subscriptions.length === 0) return { items: [] };
  // A subscription hears what happened while it existed, as it would have by push.
  const firstSubscribed = subscriptions.map((subscription) => subscription.createdAt).sort()[0] ?? '';
  const since = query.since && query.since > firstSubscribed ? query.since : firstSubscribed;

  const items: Alert[] = [];
  let scanned = 0;
  for await (const { alert, cursor } of deps.alerts.newest({ since, ...(query.cursor ? { cursor: query.cursor } : {}) })) {
    const attributes = attributesOf(alert);
    const wanted = subscriptions.some((subscription) => alert.occurredAt >= subscription.createdAt && matchesFilter(subscription.filter, subscription, attributes));
    if (wanted) items.push(alert);
    scanned += 1;
    if (items.length === query.limit || scanned === maxScanned) return { items, cursor };
  }
  return { items };
}
