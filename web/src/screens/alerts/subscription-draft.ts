// A subscription as its form holds it, and the conversions to and from what the API takes and returns.
import type * as z from 'zod';
import type { AlertEvent, CreateSubscription, SubscriptionFilter, SubscriptionView } from '../../../../schemas/alerts.ts';
import type { Role } from '../../../../schemas/identity.ts';

export type EventName = z.output<typeof AlertEvent>;
export type DeliveryType = z.output<typeof CreateSubscription>['delivery']['type'];
type Filter = z.input<typeof SubscriptionFilter>;

export const allEvents: EventName[] = ['match', 'new-object', 'status-change', 'category-match'];

// The events each role may ask for (functions/alerts/access.ts: the market hears of no matches, only police and customs
// of Red List category matches); the API still decides.
export function eventsFor(role: Role): EventName[] {
  if (role === 'market') return ['new-object', 'status-change'];
  if (role === 'museum') return ['match', 'new-object', 'status-change'];
  return allEvents;
}

export interface Draft {
  name: string;
  delivery: DeliveryType;
  address: string;
  url: string;
  queueArn: string;
  events: EventName[];
  countries: string[];
  /** Comma-separated, as typed. */
  objectTypes: string;
  /** Percent, 0 for any score. */
  minScore: number;
  redLists: string[];
}

export const newDraft = (role: Role): Draft => ({
  name: '',
  delivery: 'feed',
  address: '',
  url: '',
  queueArn: '',
  events: [eventsFor(role)[0] ?? 'new-object'],
  countries: [],
  objectTypes: '',
  minScore: 0,
  redLists: [],
});

export function draftOf(view: z.output<typeof SubscriptionView>): Draft {
  const { delivery, filter } = view;
  return {
    name: view.name,
    delivery: delivery.type,
    address: delivery.type === 'email' ? delivery.address : '',
    url: delivery.type === 'webhook' ? delivery.url : '',
    queueArn: delivery.type === 'sqs' ? delivery.queueArn : '',
    events: filter.events,
    countries: filter.countries ?? [],
    objectTypes: (filter.objectTypes ?? []).join(', '),
    minScore: Math.round((filter.minScore ?? 0) * 100),
    redLists: filter.redLists ?? [],
  };
}

/** The filter: empty lists are left out (they mean "any"), and the score and Red Lists only with the events they narrow. */
export function filterOf(draft: Draft): Filter {
  const objectTypes = draft.objectTypes.split(/[,،;]/).map((type) => type.trim()).filter(Boolean);
  return {
    events: draft.events,
    ...(draft.countries.length ? { countries: draft.countries } : {}),
    ...(objectTypes.length ? { objectTypes } : {}),
    ...(draft.events.includes('match') && draft.minScore > 0 ? { minScore: draft.minScore / 100 } : {}),
    ...(draft.events.includes('category-match') && draft.redLists.length ? { redLists: draft.redLists } : {}),
  };
}

export function deliveryOf(draft: Draft): z.input<typeof CreateSubscription>['delivery'] {
  switch (draft.delivery) {
    case 'email':
      return { type: 'email', address: draft.address.trim() };
    case 'webhook':
      return { type: 'webhook', url: draft.url.trim() };
    case 'sqs':
      return { type: 'sqs', queueArn: draft.queueArn.trim() };
    case 'feed':
      return { type: 'feed' };
  }
}
