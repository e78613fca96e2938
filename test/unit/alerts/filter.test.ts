// A subscription's filter means the same in SNS (its filter policy, evaluated by the emulator's own matcher) and in
// the pull feed (the predicate), and museums hear of matches on their own objects only.
import { describe, expect, it } from 'vitest';
import { SubscriptionFilter, type AlertEvent } from '../../../schemas/alerts.ts';
import type { Role } from '../../../schemas/identity.ts';
import { messageAttributes } from '../../../functions/adapters/sns-alert-topic.ts';
import { assertWithinSnsLimits, filterPolicy, matchesFilter } from '../../../functions/alerts/filter.ts';
import type { AlertAttributes } from '../../../functions/alerts/model.ts';
import { Invalid } from '../../../functions/http/errors.ts';
import { seededRandom, type Random } from '../../fixtures/random.ts';

// fauxqs does not export its filter-policy matcher; it is the same code that decides deliveries on the local stack.
const { matchesFilterPolicy } = (await import(new URL('sns/filter.js', import.meta.resolve('fauxqs')).href)) as {
  matchesFilterPolicy: (policy: unknown, attributes: unknown) => boolean;
};

const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
const some = <T>(random: Random, values: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(random, values)))];

const countries = ['GR', 'IT', 'FR', 'TR', 'BG'] as const;
const types = ['icon', 'Painting', 'coin ', 'manuscript'] as const;
const events: AlertEvent[] = ['match', 'new-object', 'status-change', 'category-match'];
const redListIds = ['iraq-antiquities', 'syria-antiquities', 'china-antiquities'] as const;
const roles: Role[] = ['museum', 'police', 'customs', 'market', 'admin'];
const visibilities = ['public', 'partners', 'law-enforcement'] as const;

function randomFilter(random: Random): SubscriptionFilter {
  const chosen = some(random, events, 4);
  return SubscriptionFilter.parse({
    events: chosen,
    ...(chosen.includes('category-match') && random() < 0.5 ? { redLists: some(random, redListIds, 2) } : {}),
    ...(random() < 0.6 ? { countries: some(random, countries, 3) } : {}),
    ...(random() < 0.5 ? { objectTypes: some(random, types, 2) } : {}),
    ...(random() < 0.5 ? { minScore: Math.round(random() * 100) / 100 } : {}),
  });
}

function randomAlert(random: Random): AlertAttributes {
  const event = pick(random, events);
  if (event === 'category-match') {
    return { event, alertId: `a-${Math.floor(random() * 1e6)}`, seenIn: pick(random, countries), redList: pick(random, redListIds) };
  }
  return {
    event,
    alertId: `a-${Math.floor(random() * 1e6)}`,
    country: pick(random, countries),
    objectType: pick(random, ['icon', 'painting', 'coin', 'manuscript', 'vase']),
    ownerOrg: pick(random, ['org-a', 'org-b']),
    visibility: pick(random, visibilities),
    ...(event === 'match' ? { seenIn: pick(random, countries), score: Math.round(random() * 100) / 100 } : {}),
  };
}

describe('subscription filters', () => {
  it('select exactly the alerts that SNS would deliver, over 5,000 random filters and alerts', () => {
    // Arrange
    const random = seededRandom(20261123);
    let disagreements = 0;
    let delivered = 0;

    // Act
    for (let i = 0; i < 5000; i++) {
      const filter = randomFilter(random);
      const audience = { org: pick(random, ['org-a', 'org-b']), role: pick(random, roles) };
      const alert = randomAlert(random);
      const bySns = matchesFilterPolicy(filterPolicy(filter, audience), messageAttributes(alert));
      if (bySns !== matchesFilter(filter, audience, alert)) disagreements += 1;
      if (bySns) delivered += 1;
    }

    // Assert
    expect(disagreements).toBe(0);
    expect(delivered).toBeGreaterThan(500);
    expect(delivered).toBeLessThan(4500);
  });

  it('give a museum matches on its own objects only, but every new loss and status change', () => {
    // Arrange
    const filter = SubscriptionFilter.parse({ events: ['match', 'new-object', 'status-change'] });
    const museum = { org: 'museum-a', role: 'museum' as const };
    const base = { alertId: 'x', country: 'GR', objectType: 'icon', visibility: 'partners' as const };

    // Act
    const ownMatch = matchesFilter(filter, museum, { ...base, event: 'match', ownerOrg: 'museum-a', seenIn: 'BG', score: 0.9 });
    const otherMatch = matchesFilter(filter, museum, { ...base, event: 'match', ownerOrg: 'museum-b', seenIn: 'BG', score: 0.9 });
    const otherLoss = matchesFilter(filter, museum, { ...base, event: 'new-object', ownerOrg: 'museum-b' });

    // Assert
    expect([ownMatch, otherMatch, otherLoss]).toEqual([true, false, true]);
  });

  it('tell of a law-enforcement object only police, customs and the museum that owns it', () => {
    // Arrange
    const filter = SubscriptionFilter.parse({ events: ['new-object', 'status-change'] });
    const loss = { event: 'new-object' as const, alertId: 'x', country: 'GR', objectType: 'icon', ownerOrg: 'museum-a', visibility: 'law-enforcement' as const };
    const audiences = [
      { org: 'museum-a', role: 'museum' as const },
      { org: 'museum-b', role: 'museum' as const },
      { org: 'dealer', role: 'market' as const },
      { org: 'police-gr', role: 'police' as const },
      { org: 'customs-bg', role: 'customs' as const },
    ];

    // Act
    const heard = audiences.map((audience) => matchesFilter(filter, audience, loss));
    const heardBySns = audiences.map((audience) => matchesFilterPolicy(filterPolicy(filter, audience), messageAttributes(loss)));

    // Assert
    expect(heard).toEqual([true, false, false, true, true]);
    expect(heardBySns).toEqual(heard);
  });

  it('give a category match to a filter of its Red List or of none, by the country it was seen in', () => {
    // Arrange
    const police = { org: 'police-bg', role: 'police' as const };
    const alert = { event: 'category-match' as const, alertId: 'x', seenIn: 'BG', redList: 'iraq-antiquities' };
    const filters = [
      { events: ['category-match'] },
      { events: ['category-match'], redLists: ['iraq-antiquities'] },
      { events: ['category-match'], redLists: ['china-antiquities'] },
      { events: ['category-match'], countries: ['TR'] },
      { events: ['match', 'new-object'] },
    ].map((filter) => SubscriptionFilter.parse(filter));

    // Act
    const heard = filters.map((filter) => matchesFilter(filter, police, alert));
    const heardBySns = filters.map((filter) => matchesFilterPolicy(filterPolicy(filter, police), messageAttributes(alert)));

    // Assert
    expect(heard).toEqual([true, true, false, false, false]);
    expect(heardBySns).toEqual(heard);
  });

  it('refuse a Red List filter without category-match among the events', () => {
    // Act
    const result = SubscriptionFilter.safeParse({ events: ['match'], redLists: ['iraq-antiquities'] });

    // Assert
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['redLists'], message: 'selects category-match alerts only: add "category-match" to events' })]);
  });

  it('match a match by the country it was seen in as well as the country of the loss', () => {
    // Arrange
    const filter = SubscriptionFilter.parse({ events: ['match'], countries: ['BG'] });
    const police = { org: 'police-bg', role: 'police' as const };
    const match = { event: 'match' as const, alertId: 'x', objectType: 'icon', ownerOrg: 'm', score: 0.8, visibility: 'partners' as const };

    // Act
    const seenInBulgaria = matchesFilter(filter, police, { ...match, country: 'GR', seenIn: 'BG' });
    const neither = matchesFilter(filter, police, { ...match, country: 'GR', seenIn: 'TR' });

    // Assert
    expect([seenInBulgaria, neither]).toEqual([true, false]);
  });

  it('refuse a filter with more combinations than SNS accepts, naming the field', () => {
    // Arrange
    const allCountries = ['GR', 'IT', 'FR', 'TR', 'BG', 'AL', 'MK', 'RS', 'RO', 'HU', 'AT', 'DE', 'CH', 'ES', 'PT', 'NL', 'BE', 'PL', 'CZ', 'SK'];
    const filter = SubscriptionFilter.parse({ events: ['match', 'new-object', 'status-change'], countries: allCountries, objectTypes: ['icon', 'coin'] });

    // Act
    const attempt = () => assertWithinSnsLimits(filter, { org: 'p', role: 'police' });

    // Assert
    expect(attempt).toThrow(Invalid);
    expect(attempt).toThrow(/too broad/);
    expect(() => assertWithinSnsLimits(SubscriptionFilter.parse({ events: ['new-object'], countries: allCountries }), { org: 'p', role: 'police' })).not.toThrow();
  });
});
