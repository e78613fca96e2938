// A subscription's filter two ways: the SNS filter policy that selects its pushes, and the predicate the pull feed
// applies to stored alerts. Both are built here from the same groups, so they cannot drift apart.
import type { Alert, AlertEvent, SubscriptionFilter } from '../../schemas/alerts.ts';
import { defaultVisibility, Visibility } from '../../schemas/object-id.ts';
import { Invalid } from '../http/errors.ts';
import { readableScope } from '../http/permissions.ts';
import { normaliseObjectType } from '../objects/object-type.ts';
import type { AlertAttributes, Audience, SnsFilterPolicy } from './model.ts';

/** SNS refuses a filter policy whose values combine into more than 150 cases. */
export const maxPolicyCombinations = 150;

/** One alternative of the policy: all of its conditions must hold. */
type Group = {
  events: AlertEvent[];
  ownerOrg?: string;
  countryKey?: 'country' | 'seenIn';
  visibility?: Visibility[];
  objectTypes?: string[];
  /** Matches only carry a score: other events pass by having none. */
  minScore?: number;
  redLists?: string[];
};

const objectEvents = new Set<AlertEvent>(['new-object', 'status-change']);

// A match concerns two countries, the loss's and the sighting's; a plain string attribute each, as String.Array
// attributes are not filtered alike everywhere. A museum hears of matches on its own objects only: a sighting of
// another museum's object is for that museum and the police, not for every registrar. A category match has no
// object: only where it was seen and which Red List it fits.
function groupsOf(filter: SubscriptionFilter, audience: Audience): Group[] {
  const byCountry = filter.countries !== undefined;
  const objectTypes = filter.objectTypes && [...new Set(filter.objectTypes.map(normaliseObjectType))];
  const aboutObject = { ...(objectTypes ? { objectTypes } : {}), ...(filter.minScore !== undefined ? { minScore: filter.minScore } : {}) };
  const others = filter.events.filter((event) => objectEvents.has(event));
  const groups: Group[] = others.length > 0 ? [{ events: others, ...aboutObject, ...(byCountry ? { countryKey: 'country' } : {}) }] : [];
  if (filter.events.includes('match')) {
    const match = { events: ['match'] as AlertEvent[], ...aboutObject, ...(audience.role === 'museum' ? { ownerOrg: audience.org } : {}) };
    if (byCountry) groups.push({ ...match, countryKey: 'country' }, { ...match, countryKey: 'seenIn' });
    else groups.push(match);
  }
  const visible = withinVisibility(groups, audience);
  if (filter.events.includes('category-match')) {
    visible.push({ events: ['category-match'], ...(filter.redLists ? { redLists: filter.redLists } : {}), ...(byCountry ? { countryKey: 'seenIn' } : {}) });
  }
  return visible;
}

// An alert about an object is for those who may read the object: others' objects by their visibility, and always
// the audience's own.
function withinVisibility(groups: Group[], audience: Audience): Group[] {
  const { visibilities } = readableScope(audience);
  if (visibilities.length === Visibility.options.length) return groups;
  return groups.flatMap((group) =>
    group.ownerOrg === audience.org ? [group] : [{ ...group, visibility: visibilities }, { ...group, ownerOrg: audience.org }],
  );
}

export function attributesOf(alert: Alert): AlertAttributes {
  const seenAt = (alert.match ?? alert.category)?.sighting.seenAt;
  return {
    event: alert.event,
    alertId: alert.alertId,
    ...(seenAt ? { seenIn: seenAt.country } : {}),
    ...(alert.match ? { score: alert.match.score } : {}),
    ...(alert.object
      ? {
          country: alert.object.country,
          objectType: normaliseObjectType(alert.object.objectType),
          ownerOrg: alert.object.ownerOrg,
          visibility: alert.object.visibility ?? defaultVisibility,
        }
      : {}),
    ...(alert.category ? { redList: alert.category.redList.id } : {}),
  };
}

/**
 * The filter policy on the SNS subscription (message attributes: event, country, seenIn, objectType, ownerOrg,
 * visibility, score, redList).
 */
export function filterPolicy(filter: SubscriptionFilter, audience: Audience): SnsFilterPolicy {
  const groups: SnsFilterPolicy[] = groupsOf(filter, audience).map((group) => ({
    event: group.events,
    ...(group.ownerOrg ? { ownerOrg: [group.ownerOrg] } : {}),
    ...(group.countryKey ? { [group.countryKey]: filter.countries } : {}),
    ...(group.visibility ? { visibility: group.visibility } : {}),
    ...(group.objectTypes ? { objectType: group.objectTypes } : {}),
    ...(group.minScore !== undefined ? { score: [{ numeric: ['>=', group.minScore] }, { exists: false }] } : {}),
    ...(group.redLists ? { redList: group.redLists } : {}),
  }));
  return groups.length === 1 ? (groups[0] ?? {}) : { $or: groups };
}

/** Refuses a filter SNS would refuse, with the reason a person can act on. */
export function assertWithinSnsLimits(filter: SubscriptionFilter, audience: Audience): void {
  const combinations = groupsOf(filter, audience).reduce(
    (sum, group) =>
      sum +
      group.events.length *
        (group.countryKey ? (filter.countries?.length ?? 1) : 1) *
        (group.visibility?.length ?? 1) *
        (group.objectTypes?.length ?? 1) *
        (group.minScore !== undefined ? 2 : 1) *
        (group.redLists?.length ?? 1),
    0,
  );
  if (combinations > maxPolicyCombinations) {
    throw new Invalid('The filter is too broad for SNS to evaluate', [
      {
        path: 'filter',
        reason: `events, countries and object types come to ${combinations} combinations, over the ${maxPolicyCombinations} SNS allows: list fewer countries or object types, or make two subscriptions`,
      },
    ]);
  }
}

/** Whether SNS would deliver an alert with these attributes to a subscription with this filter. */
export function matchesFilter(filter: SubscriptionFilter, audience: Audience, alert: AlertAttributes): boolean {
  const inGroup = (group: Group) => {
    const country = group.countryKey && alert[group.countryKey];
    return (
      group.events.includes(alert.event) &&
      (!group.ownerOrg || group.ownerOrg === alert.ownerOrg) &&
      (!group.countryKey || (country !== undefined && filter.countries?.includes(country) === true)) &&
      (!group.visibility || (alert.visibility !== undefined && group.visibility.includes(alert.visibility))) &&
      (!group.objectTypes || (alert.objectType !== undefined && group.objectTypes.includes(alert.objectType))) &&
      (group.minScore === undefined || alert.score === undefined || alert.score >= group.minScore) &&
      (!group.redLists || (alert.redList !== undefined && group.redLists.includes(alert.redList)))
    );
  };
  return groupsOf(filter, audience).some(inGroup);
}
