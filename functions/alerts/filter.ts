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
type Group = { events: AlertEvent[]; ownerOrg?: string; countryKey?: 'country' | 'seenIn'; visibility?: Visibility[] };

// A match concerns two countries, the loss's and the sighting's; a plain string attribute each, as String.Array
// attributes are not filtered alike everywhere. A museum hears of matches on its own objects only: a sighting of
// another museum's object is for that museum and the police, not for every registrar.
function groupsOf(filter: SubscriptionFilter, audience: Audience): Group[] {
  return withinVisibility(eventGroupsOf(filter, audience), audience);
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

function eventGroupsOf(filter: SubscriptionFilter, audience: Audience): Group[] {
  const byCountry = filter.countries !== undefined;
  const others = filter.events.filter((event) => event !== 'match');
  const groups: Group[] = others.length > 0 ? [{ events: others, ...(byCountry ? { countryKey: 'country' } : {}) }] : [];
  if (filter.events.includes('match')) {
    const match = { events: ['match'] as AlertEvent[], ...(audience.role === 'museum' ? { ownerOrg: audience.org } : {}) };
    if (byCountry) groups.push({ ...match, countryKey: 'country' }, { ...match, countryKey: 'seenIn' });
    else groups.push(match);
  }
  return groups;
}

const objectTypesOf = (filter: SubscriptionFilter) => filter.objectTypes && [...new Set(filter.objectTypes.map(normaliseObjectType))];

export function attributesOf(alert: Alert): AlertAttributes {
  return {
    event: alert.event,
    alertId: alert.alertId,
    country: alert.object.country,
    ...(alert.match ? { seenIn: alert.match.sighting.seenAt.country, score: alert.match.score } : {}),
    objectType: normaliseObjectType(alert.object.objectType),
    ownerOrg: alert.object.ownerOrg,
    visibility: alert.object.visibility ?? defaultVisibility,
  };
}

/** The filter policy on the SNS subscription (message attributes: event, country, seenIn, objectType, ownerOrg, score). */
export function filterPolicy(filter: SubscriptionFilter, audience: Audience): SnsFilterPolicy {
  const objectTypes = objectTypesOf(filter);
  const common: SnsFilterPolicy = {
    ...(objectTypes ? { objectType: objectTypes } : {}),
    // Only matches carry a score; the other events pass this condition by not having one.
    ...(filter.minScore !== undefined ? { score: [{ numeric: ['>=', filter.minScore] }, { exists: false }] } : {}),
  };
  const groups = groupsOf(filter, audience).map((group) => ({
    event: group.events,
    ...(group.ownerOrg ? { ownerOrg: [group.ownerOrg] } : {}),
    ...(group.countryKey ? { [group.countryKey]: filter.countries } : {}),
    ...(group.visibility ? { visibility: group.visibility } : {}),
  }));
  return groups.length === 1 ? { ...common, ...groups[0] } : { ...common, $or: groups };
}

/** Refuses a filter SNS would refuse, with the reason a person can act on. */
export function assertWithinSnsLimits(filter: SubscriptionFilter, audience: Audience): void {
  const shared = (objectTypesOf(filter)?.length ?? 1) * (filter.minScore !== undefined ? 2 : 1);
  const combinations = groupsOf(filter, audience).reduce(
    (sum, group) => sum + group.events.length * (group.countryKey ? (filter.countries?.length ?? 1) : 1) * (group.visibility?.length ?? 1) * shared,
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
  const objectTypes = objectTypesOf(filter);
  const inGroup = (group: Group) => {
    const country = group.countryKey && alert[group.countryKey];
    return (
      group.events.includes(alert.event) &&
      (!group.ownerOrg || group.ownerOrg === alert.ownerOrg) &&
      (!group.countryKey || (country !== undefined && filter.countries?.includes(country) === true)) &&
      (!group.visibility || group.visibility.includes(alert.visibility))
    );
  };
  return (
    groupsOf(filter, audience).some(inGroup) &&
    (!objectTypes || objectTypes.includes(alert.objectType)) &&
    (filter.minScore === undefined || alert.score === undefined || alert.score >= filter.minScore)
  );
}
