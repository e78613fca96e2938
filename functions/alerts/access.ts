// Who may subscribe to what, and where alerts may be sent: the alert rules of the registry, in one place.
import type { Delivery, SubscriptionFilter } from '../../schemas/alerts.ts';
import type { Caller } from '../../schemas/identity.ts';
import { Forbidden, Invalid } from '../http/errors.ts';
import { isLoopbackHost, isPrivateHost } from '../http/public-address.ts';

/**
 * A match reveals where a sighting happened: the art market hears of losses and recoveries, not of matches. A
 * category match is a lead on an object in no register, for those who can stop it: police and customs.
 */
export function assertMayHear(caller: Caller, filter: SubscriptionFilter): void {
  if (caller.role === 'market' && filter.events.includes('match')) {
    throw new Forbidden('Market partners receive new-object and status-change alerts; match alerts (filter.events) go to museums, police and customs');
  }
  if (filter.events.includes('category-match') && !['police', 'customs', 'admin'].includes(caller.role)) {
    throw new Forbidden('Red List category-match alerts (filter.events) go to police and customs');
  }
}

/** Webhooks go to public HTTPS endpoints; a development runtime may allow http on this machine. */
export function assertDeliverable(delivery: Delivery, options: { allowLoopback: boolean }): void {
  if (delivery.type !== 'webhook') return;
  const url = new URL(delivery.url);
  const localForDevelopment = options.allowLoopback && isLoopbackHost(url.hostname);
  if (localForDevelopment) return;
  if (url.protocol !== 'https:') throw new Invalid('Webhooks must use HTTPS', [{ path: 'delivery.url', reason: 'must start with https://' }]);
  if (isPrivateHost(url.hostname)) {
    throw new Invalid('Webhooks must reach a public address', [{ path: 'delivery.url', reason: 'names a private, loopback or link-local host' }]);
  }
  if (url.username || url.password) {
    throw new Invalid('Put no credentials in a webhook URL', [{ path: 'delivery.url', reason: 'must not carry a user name or password; verify our signature instead' }]);
  }
}
