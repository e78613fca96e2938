// Abuse limits as data: how many requests a minute each role may make, overall and for the expensive actions.
// HTTP APIs have no usage plans, so the API middleware enforces these itself, with the same code locally and in AWS.
import type { Role } from '../schemas/identity.ts';
import type { Action } from './permissions.ts';

/**
 * Every request of a caller of these roles counts against its role's general bucket. Museums, police, customs and the
 * operators are vetted organisations whose members an admin invites and can suspend: for them the stage throttle of
 * API Gateway is the ceiling, and no counter is written (one write per request would cost more than it protects).
 */
export const requestsPerMinute: Readonly<Partial<Record<Role, number>>> = {
  public: 30,
  market: 120,
};

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
  const general = requestsPerMinute[role];
  const limits: Limit[] = general === undefined ? [] : [{ key: 'all', perMinute: general }];
  const perAction = actionRequestsPerMinute[action]?.[role];
  if (perAction !== undefined) limits.push({ key: action, perMinute: perAction });
  return limits.sort((a, b) => a.perMinute - b.perMinute);
}
