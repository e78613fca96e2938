// Posts alerts to partners' webhooks over HTTPS; anything but a 2xx within the time limit counts as not delivered.
import type { WebhookSender } from '../alerts/model.ts';
import { guardedPost, type Policy } from './outbound-http.ts';

const timeoutMs = 10_000;

export class WebhookRefused extends Error {}

/** Webhooks reached through the guard against private addresses (loopback only where the policy allows, locally). */
export function httpWebhooks(policy: Policy): WebhookSender {
  // No redirects: a receiver must not bounce our signed alert (and our function) to another address.
  const post = guardedPost(policy, timeoutMs);
  return {
    async post(url, body, headers) {
      const status = await post(url, body, headers);
      if (status < 200 || status > 299) throw new WebhookRefused(`webhook answered ${status}`);
    },
  };
}
