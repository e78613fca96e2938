// Subscriptions: who may subscribe to what and where, and nothing half-made when a step fails.
import { describe, expect, it } from 'vitest';
import { CreateSubscription } from '../../../schemas/alerts.ts';
import { createSubscription, deleteSubscription, editSubscription, ownSubscription } from '../../../functions/alerts/subscriptions.ts';
import { Conflict, Invalid, NotFound } from '../../../functions/http/errors.ts';
import { caller } from '../../fixtures/objects.ts';
import { memorySubscriptions, recordingChannels, sequentialIds, steppingClock } from '../../support/in-memory-ports.ts';

const matchesInGreece = CreateSubscription.parse({
  name: 'Matches in Greece',
  delivery: { type: 'webhook', url: 'https://alerts.police.example.gr/registry' },
  filter: { events: ['match'], countries: ['GR'], minScore: 0.7 },
});

function setup(options: { failOpen?: boolean; allowLoopback?: boolean } = {}) {
  const subscriptions = memorySubscriptions();
  const channels = recordingChannels(options);
  const deps = { subscriptions, channels, clock: steppingClock(), ids: sequentialIds(), webhooks: { allowLoopback: options.allowLoopback ?? false } };
  return { subscriptions, channels, deps };
}

describe('creating a subscription', () => {
  it('opens its channel, keeps it with a signing secret for a webhook, and shows the secret once', async () => {
    // Arrange
    const { deps, channels, subscriptions } = setup();

    // Act
    const { subscription, signingSecret } = await createSubscription(matchesInGreece, caller('police', 'hellenic-police'), deps);

    // Assert
    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    expect(channels.calls).toEqual([`open webhook ${subscription.id}`]);
    expect(await subscriptions.get(subscription.id)).toMatchObject({ org: 'hellenic-police', status: 'active', signingSecret });
  });

  it('refuses match alerts to the art market, naming filter.events', async () => {
    // Arrange
    const { deps, channels } = setup();

    // Act
    const byMarket = createSubscription(matchesInGreece, caller('market', 'auction-house'), deps);

    // Assert
    await expect(byMarket).rejects.toThrow(/filter\.events/);
    expect(channels.calls).toEqual([]);
  });

  it('refuses webhooks that are not HTTPS or that aim at a private address, naming delivery.url', async () => {
    // Arrange
    const { deps } = setup();
    const to = (url: string) => CreateSubscription.parse({ ...matchesInGreece, delivery: { type: 'webhook', url } });

    // Act
    const attempts = ['http://alerts.example.gr/hook', 'https://169.254.169.254/latest', 'https://10.0.0.7/hook', 'https://localhost/hook'].map((url) =>
      createSubscription(to(url), caller('police', 'p'), deps).catch((error: unknown) => error),
    );

    // Assert
    for (const outcome of await Promise.all(attempts)) {
      expect(outcome).toBeInstanceOf(Invalid);
      expect((outcome as Invalid).fields?.[0]?.path).toBe('delivery.url');
    }
  });

  it('allows http://127.0.0.1 only where the development runtime says so', async () => {
    // Arrange
    const local = CreateSubscription.parse({ ...matchesInGreece, delivery: { type: 'webhook', url: 'http://127.0.0.1:9999/hook' } });

    // Act
    const allowed = createSubscription(local, caller('police', 'p'), setup({ allowLoopback: true }).deps);
    const refused = createSubscription(local, caller('police', 'p'), setup().deps);

    // Assert
    await expect(allowed).resolves.toMatchObject({ subscription: { delivery: { url: 'http://127.0.0.1:9999/hook' } } });
    await expect(refused).rejects.toThrow(Invalid);
  });

  it('leaves nothing behind when the channel cannot be opened', async () => {
    // Arrange
    const { deps, subscriptions } = setup({ failOpen: true });

    // Act
    const attempt = createSubscription(matchesInGreece, caller('police', 'hellenic-police'), deps);

    // Assert
    await expect(attempt).rejects.toThrow('SNS is unavailable');
    expect(await subscriptions.listByOrg('hellenic-police')).toEqual([]);
  });

  it('opens no channel for a feed subscription', async () => {
    // Arrange
    const { deps, channels } = setup();
    const feed = CreateSubscription.parse({ name: 'Polled', delivery: { type: 'feed' }, filter: { events: ['new-object'] } });

    // Act
    const { subscription, signingSecret } = await createSubscription(feed, caller('customs', 'customs-bg'), deps);

    // Assert
    expect(channels.calls).toEqual([]);
    expect(signingSecret).toBeUndefined();
    expect(subscription.status).toBe('active');
  });
});

describe('changing and ending a subscription', () => {
  it('changes the SNS filter policy with the filter, and refuses a stale version with 409', async () => {
    // Arrange
    const { deps, channels } = setup();
    const police = caller('police', 'hellenic-police');
    const { subscription } = await createSubscription(matchesInGreece, police, deps);

    // Act
    const edited = await editSubscription(subscription.id, { filter: { events: ['match', 'status-change'], countries: ['GR', 'CY'] } }, 1, police, deps);
    const stale = editSubscription(subscription.id, { name: 'Renamed' }, 1, police, deps);

    // Assert
    expect(edited.version).toBe(2);
    expect(channels.calls.at(-1)).toContain('"CY"');
    await expect(stale).rejects.toThrow(Conflict);
  });

  it("hides another organisation's subscription as missing, and ends one's own with its channel", async () => {
    // Arrange
    const { deps, channels, subscriptions } = setup();
    const { subscription } = await createSubscription(matchesInGreece, caller('police', 'hellenic-police'), deps);

    // Act
    const byOther = ownSubscription(subscription.id, caller('police', 'carabinieri'), deps);
    const deleteByOther = deleteSubscription(subscription.id, caller('police', 'carabinieri'), deps);
    await deleteSubscription(subscription.id, caller('police', 'hellenic-police'), deps);

    // Assert
    await expect(byOther).rejects.toThrow(NotFound);
    await expect(deleteByOther).rejects.toThrow(NotFound);
    expect(channels.calls.at(-1)).toBe(`close ${subscription.channel.snsSubscriptionArn}`);
    expect(await subscriptions.get(subscription.id)).toBeUndefined();
  });
});
