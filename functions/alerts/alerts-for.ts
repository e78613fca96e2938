// Which alerts a change in the registry raises: a match at or above the alert threshold, a newly registered loss,
// a change of status, or a sighting that fits a Red List category. Alert ids come from what raised them, so a
// retried change raises the same alert again.
import type { Alert } from '../../schemas/alerts.ts';
import { alertSchemaVersion } from '../../schemas/alerts.ts';
import { defaultVisibility, LossStatus } from '../../schemas/object-id.ts';
import { alertThreshold } from '../matching/combine.ts';
import type { ObjectRepository, StoredObject } from '../objects/model.ts';
import type { SightingRepository, StoredMatch, StoredSighting } from '../sightings/model.ts';

export type RegistryChange =
  | { kind: 'object'; before?: StoredObject; after: StoredObject }
  | { kind: 'match'; match: StoredMatch }
  | { kind: 'sighting'; sighting: StoredSighting };

export type AlertsForDeps = {
  objects: Pick<ObjectRepository, 'get'>;
  sightings: Pick<SightingRepository, 'get'>;
  /** Base URL of the API, for the links in alerts. */
  apiUrl: string;
};

/** The reasons a person reads first; the record has them all. */
const reasonsShown = 5;

type LostObject = StoredObject & Required<Pick<StoredObject, 'incident'>>;
// Every object but an inventoried one has its loss on record.
const hasIncident = (object: StoredObject): object is LostObject => object.incident !== undefined;

type ObjectPart = NonNullable<Alert['object']>;

function objectPart(object: LostObject, apiUrl: string): ObjectPart {
  const link = `${apiUrl}/v1/objects/${object.id}`;
  return {
    id: object.id,
    ...(object.title ? { title: object.title } : {}),
    objectType: object.objectType,
    status: object.status,
    visibility: object.visibility ?? defaultVisibility,
    country: object.incident.country,
    ownerOrg: object.orgId,
    link,
    thumbnailUrl: `${link}/thumbnail`,
  };
}

const named = (object: ObjectPart) => `'${object.title ?? object.objectType}' (${object.objectType}, ${object.country}, ${object.status})`;

const isLoss = (object: StoredObject) => LossStatus.safeParse(object.status).success;

function objectAlerts(change: Extract<RegistryChange, { kind: 'object' }>, apiUrl: string): Alert[] {
  const { before, after } = change;
  // An inventoried object is its owner's private record: registering it, or putting it back there, tells no one.
  if (after.status === 'inventoried' || !hasIncident(after)) return [];
  const object = objectPart(after, apiUrl);
  const base = { schemaVersion: alertSchemaVersion, object } as const;
  if (!before) {
    if (!isLoss(after) || after.quietImport) return [];
    return [{ ...base, alertId: `new-object:${after.id}`, event: 'new-object', occurredAt: after.createdAt, summary: `New ${after.status} object: ${named(object)}` }];
  }
  // To everyone else, an inventoried object that is lost is a new loss.
  if (before.status === 'inventoried') {
    return [{ ...base, alertId: `new-object:${after.id}:v${after.version}`, event: 'new-object', occurredAt: after.updatedAt, summary: `New ${after.status} object: ${named(object)}` }];
  }
  if (before.status === after.status) return [];
  return [
    {
      ...base,
      alertId: `status-change:${after.id}:v${after.version}`,
      event: 'status-change',
      occurredAt: after.updatedAt,
      summary: `Now ${after.status} (was ${before.status}): ${named(object)}`,
      statusChange: { from: before.status, to: after.status },
    },
  ];
}

const sightingPart = (sighting: StoredSighting, apiUrl: string) => ({
  id: sighting.id,
  channel: sighting.channel,
  seenAt: sighting.seenAt,
  link: `${apiUrl}/v1/sightings/${sighting.id}`,
  ...(sighting.sourceUrl ? { sourceUrl: sighting.sourceUrl } : {}),
});

// The object may be in no register at all: a freshly looted one is known only by the kind of thing it is.
function categoryAlerts(sighting: StoredSighting, apiUrl: string): Alert[] {
  const { seenAt } = sighting;
  return (sighting.redLists ?? []).map((redList) => ({
    schemaVersion: alertSchemaVersion,
    alertId: `category-match:${sighting.id}:${redList.id}`,
    event: 'category-match',
    occurredAt: sighting.createdAt,
    summary: `Red List '${redList.title}': seen (${sighting.channel}) in ${seenAt.country} on ${seenAt.date}: ${redList.why}`,
    category: { redList, sighting: sightingPart(sighting, apiUrl) },
  }));
}

async function matchAlerts(match: StoredMatch, deps: AlertsForDeps): Promise<Alert[]> {
  if (match.score < alertThreshold || match.status === 'rejected') return [];
  const [found, sighting] = await Promise.all([deps.objects.get(match.objectId), deps.sightings.get(match.sightingId)]);
  // Both are written before their match; one missing was deleted since, and there is no one left to alert about.
  if (!found || !sighting || !hasIncident(found.object)) return [];
  const object = objectPart(found.object, deps.apiUrl);
  const seenAt = sighting.seenAt;
  return [
    {
      schemaVersion: alertSchemaVersion,
      alertId: `match:${match.id}`,
      event: 'match',
      occurredAt: match.createdAt,
      summary: `Match ${match.score} (${match.confidence}): ${named(object)} seen (${sighting.channel}) in ${seenAt.country} on ${seenAt.date}`,
      object,
      match: {
        id: match.id,
        score: match.score,
        confidence: match.confidence,
        reasons: match.reasons.slice(0, reasonsShown),
        sighting: sightingPart(sighting, deps.apiUrl),
      },
    },
  ];
}

export async function alertsFor(change: RegistryChange, deps: AlertsForDeps): Promise<Alert[]> {
  if (change.kind === 'object') return objectAlerts(change, deps.apiUrl);
  if (change.kind === 'sighting') return categoryAlerts(change.sighting, deps.apiUrl);
  return matchAlerts(change.match, deps);
}
