// Who may do what: every action a route performs, by role and organisation, kept as data beside the wiring.
// Each route names its action (infra/wiring.ts); the API middleware refuses a role the action does not list, and
// the domain code asks `allowedOn` before it touches a record that belongs to an organisation.
import type { Role } from '../schemas/identity.ts';
import type { Visibility } from '../schemas/object-id.ts';

/** any: whichever organisation the record belongs to; own: only records of the caller's own organisation. */
export type Scope = 'any' | 'own';
export type Grant = Readonly<Partial<Record<Role, Scope>>>;

const everyone = { museum: 'any', police: 'any', customs: 'any', market: 'any', public: 'any', admin: 'any' } as const;
const partners = { museum: 'own', police: 'own', customs: 'own', market: 'own', admin: 'own' } as const;

const table = {
  /** Register an object: for the caller's own organisation. */
  'object.register': { museum: 'own', admin: 'any' },
  'object.read': everyone,
  /** Edit, change the status of, and add photos to an object. */
  'object.change': { museum: 'own', admin: 'any' },
  'search': everyone,
  /** Upload a query photo, report a sighting. */
  'sighting.report': everyone,
  /** Read a sighting and its matches: own means the organisation that reported it. */
  'sighting.read': { museum: 'own', market: 'own', public: 'own', police: 'any', customs: 'any', admin: 'any' },
  /** Confirm or reject a match: own means the museum that owns the object. */
  'match.review': { museum: 'own', police: 'any', admin: 'any' },
  /** Read an object's matches: own means the museum that owns the object; the readers of its restricted fields. */
  'match.read': { museum: 'own', police: 'any', customs: 'any', admin: 'any' },
  /** Subscriptions and the alert feed of the caller's organisation. */
  'alerts.subscribe': partners,
  'deadLetters.manage': { admin: 'any' },
  /** Register, suspend and reactivate organisations; invite their members. */
  'orgs.manage': { admin: 'any' },
  /** The audit trail: own means the entries about the museum's own objects. */
  'audit.read': { museum: 'own', admin: 'any' },
  'api.describe': everyone,
  /** Certify a search: own means the organisation that made it; nobody certifies another's. */
  'certificate.issue': { museum: 'own', police: 'own', customs: 'own', market: 'own', public: 'own', admin: 'own' },
  /** Read a certificate as JSON or PDF: own means the organisation that made the search. */
  'certificate.read': { museum: 'own', police: 'own', customs: 'own', market: 'own', public: 'own', admin: 'any' },
  /** Verify a certificate and read the public key: anyone, without a token. */
  'certificate.verify': everyone,
  /** The ICOM Red List categories that sightings and searches are checked against. */
  'redLists.read': everyone,
  /** Market feeds read on a schedule, and their runs: own means the organisation that registered the feed. */
  'feeds.manage': { market: 'own', admin: 'any' },
  /**
   * Download the watch list of sought objects for use offline: officers in the field. Not the market: its checks are
   * searches, kept and certifiable as due diligence, and a bulk copy would tell a dealer which objects to keep away from.
   */
  'watchList.read': { police: 'any', customs: 'any', admin: 'any' },
} as const satisfies Record<string, Grant>;

export type Action = keyof typeof table;
export const permissions: Readonly<Record<Action, Grant>> = table;

/** What each action is called in the message of a 403. */
export const actionNames: Record<Action, string> = {
  'object.register': 'register objects',
  'object.read': 'read objects',
  'object.change': 'change objects',
  'search': 'search the registry',
  'sighting.report': 'report sightings',
  'sighting.read': 'read sightings',
  'match.review': 'review matches',
  'match.read': "read an object's matches",
  'alerts.subscribe': 'subscribe to alerts',
  'deadLetters.manage': 'handle undelivered alerts',
  'orgs.manage': 'manage organisations',
  'audit.read': 'read the audit trail',
  'api.describe': 'read the API description',
  'certificate.issue': 'certify searches',
  'certificate.read': 'read certificates',
  'certificate.verify': 'verify certificates',
  'redLists.read': 'read the Red Lists',
  'feeds.manage': 'manage market feeds',
  'watchList.read': 'download watch lists',
};

/**
 * Who sees an object's restricted fields (police reference, contact, who changed it, status notes, reviewers of
 * its matches): own means the museum that registered it.
 */
export const restrictedFieldReaders: Grant = { police: 'any', customs: 'any', admin: 'any', museum: 'own' };

/**
 * Who reads an object, by its visibility (own: the organisation that registered it). Matching still runs over every
 * record: a caller who may not read one that matches is told only to contact the police.
 */
export const visibilityReaders: Readonly<Record<Visibility, Grant>> = {
  public: everyone,
  partners: { museum: 'any', police: 'any', customs: 'any', market: 'any', admin: 'any', public: 'own' },
  'law-enforcement': { police: 'any', customs: 'any', admin: 'any', museum: 'own', market: 'own', public: 'own' },
};

/** An inventoried object, described before any loss, is read by its own organisation and admins only. */
export const inventoryReaders: Grant = { museum: 'own', police: 'own', customs: 'own', market: 'own', public: 'own', admin: 'any' };

/** Whether `role` may perform something granted by `grant` on a record of `ownerOrg` (undefined: not yet owned). */
export function grants(grant: Grant, caller: { role: Role; org: string }, ownerOrg?: string): boolean {
  const scope = grant[caller.role];
  if (!scope) return false;
  return scope === 'any' || ownerOrg === undefined || ownerOrg === caller.org;
}
