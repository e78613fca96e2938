// HTTP entry point of alerts: subscriptions, the pull feed, and the dead letters of webhook deliveries.
import { alertChannels } from '../adapters/alert-channels.ts';
import { dynamoAlerts, dynamoSubscriptions } from '../adapters/dynamo-subscriptions.ts';
import { config } from '../config.ts';
import { deps, apiDeps } from '../deps.ts';
import { apiHandler, bodyless, json } from '../http/api-handler.ts';
import { etagOf, versionFromIfMatch } from '../http/if-match.ts';
import { listDeadLetters, redriveDeadLetters } from './dead-letters.ts';
import { alertFeed } from './feed.ts';
import { createSubscription, deleteSubscription, editSubscription, listSubscriptions, ownSubscription, subscriptionView } from './subscriptions.ts';

const { tableName, alertsTopicArn, alertDeliveryFunction, allowLoopbackWebhooks } = config();
const channels = alertChannels({ topicArn: alertsTopicArn, deliveryFunction: alertDeliveryFunction });
const alertDeps = {
  ...deps,
  subscriptions: dynamoSubscriptions(tableName),
  alerts: dynamoAlerts(tableName),
  channels,
  deadLetters: channels,
  webhooks: { allowLoopback: allowLoopbackWebhooks },
};

export const handler = apiHandler<'alerts'>(
  {
    'POST /v1/subscriptions': async ({ body, caller }) => {
      const { subscription, signingSecret } = await createSubscription(body, caller, alertDeps);
      return json(201, { ...subscriptionView(subscription), ...(signingSecret ? { signingSecret } : {}) }, {
        ...etagOf(subscription.version),
        location: `/v1/subscriptions/${subscription.id}`,
      });
    },
    'GET /v1/subscriptions': async ({ caller }) => json(200, { items: (await listSubscriptions(caller, alertDeps)).map(subscriptionView) }),
    'GET /v1/subscriptions/{id}': async ({ params, caller }) => {
      const subscription = await ownSubscription(params.id, caller, alertDeps);
      return json(200, subscriptionView(subscription), etagOf(subscription.version));
    },
    'PATCH /v1/subscriptions/{id}': async ({ params, body, headers, caller }) => {
      const expected = versionFromIfMatch(headers['if-match'], true);
      const subscription = await editSubscription(params.id, body, expected, caller, alertDeps);
      return json(200, subscriptionView(subscription), etagOf(subscription.version));
    },
    'DELETE /v1/subscriptions/{id}': async ({ params, caller }) => {
      await deleteSubscription(params.id, caller, alertDeps);
      return bodyless(204);
    },
    'GET /v1/alerts': async ({ query, caller }) => json(200, await alertFeed(query, caller, alertDeps)),
    'GET /v1/admin/dead-letters': async () => json(200, { items: await listDeadLetters(alertDeps) }),
    'POST /v1/admin/dead-letters/redrive': async ({ body }) => json(200, { redriven: await redriveDeadLetters(body.subscriptionId, alertDeps) }),
  },
  apiDeps,
);
