// Abuse limits as data: how many requests a minute each role may make, overall and for the expensive actions.
// HTTP APIs have no usage plans, so the API middleware enforces these itself, with the same code locally and in AWS.
import type { Role } from '../schemas/identity.ts';
import type { Action } from './permissions.ts';

/** Every request of a caller counts against its role's general bucket. */
export const requestsPerMinute = {
  public: 30,
  market: 120,
  museum: 300,
  customs: 300,
  police: 600,
  admin: 600,
} as const satisfies Record<Role, number>;

/**
 * Tighter buckets for actions that cost far more than a read; a role not listed here has only its general bucket.
 * A search embeds the query and scores it against the whole index, so anonymous scraping of it is capped first.
 */
export const actionRequestsPerMinute: Readonly<Partial<Record<Action, Readonly<Partial<Record<Role, number>>>>>> = {
  search: { public: 10 },
};

export interface Limit {
  /** The bucket's name: `all` for the general bucket, the action for an action bucket. */
  key: string;
  perMinute: number;
}

/** The limits that apply to one request, the tightest first, so that a refusal names the one that matters. */
export function limitsFor(role: Role, action: Action): Limit[] {
  const limits: Limit[] = [{ key: 'all', perMinute: requestsPerMinute[role] }];
  const perAction = actionRequestsPerMinute[action]?.[role];
  if (perAction !== undefined) limits.push({ key: action, perMinute: perAction });
  return limits.sort((a, b) => a.perMinute - b.perMinute);
}
