// Posts alerts to partners' webhooks over HTTPS; anything but a 2xx within the time limit counts as not delivered.
import type { WebhookSender } from '../alerts/model.ts';

const timeoutMs = 10_000;

export class WebhookRefused extends Error {}

export const httpWebhooks: WebhookSender = {
  async post(url, body, headers) {
    // No redirects: a receiver must not bounce our signed alert (and our function) to another address.
    const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    if (response.status < 200 || response.status > 299) throw new WebhookRefused(`webhook answered ${response.status}`);
  },
};
