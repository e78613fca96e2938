// Which alerts a change raises, with stable ids, and never a restricted field in them.
import { describe, expect, it } from 'vitest';
import { Alert } from '../../../schemas/alerts.ts';
import { ReportSighting } from '../../../schemas/matching.ts';
import { alertsFor } from '../../../functions/alerts/alerts-for.ts';
import { alertThreshold } from '../../../functions/matching/combine.ts';
import { registerObject } from '../../../functions/objects/register.ts';
import type { StoredMatch } from '../../../functions/sightings/model.ts';
import { caller, greekIcon } from '../../fixtures/objects.ts';
import { memoryRegistry, memorySightings } from '../../support/in-memory-ports.ts';

const apiUrl = 'https://api.registry.example';

async function setup() {
  const registry = memoryRegistry();
  const object = await registerObject(greekIcon, caller('museum', 'kastoria'), registry);
  const sightings = memorySightings();
  const report = ReportSighting.parse({ channel: 'customs', text: 'Icon of St Nicholas, ΚΑΣ 1187', seenAt: { date: '2026-11-20', country: 'AL', place: 'Kakavia border crossing' } });
  const sightingId = '00000000-0000-4000-8000-000000000001';
  await sightings.create({ ...report, id: sightingId, status: 'matched', reportedBy: caller('customs', 'customs-al'), createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z', attempts: 0, matchIds: [] });
  const match = (score: number): StoredMatch => ({
    id: '00000000-0000-4000-8000-0000000000aa',
    sightingId,
    objectId: object.id,
    score,
    confidence: 'high',
    reasons: [{ field: 'markings', detail: "marking 'ΚΑΣ 1187' matches", contribution: 0.5 }],
    status: 'open',
    createdAt: '2026-11-20T10:00:02.000Z',
    objectOrgId: 'kastoria',
    sightingCountry: 'AL',
  });
  return { object, deps: { objects: registry.objects, sightings, apiUrl }, match };
}

describe('alerts raised by changes', () => {
  it('raise a new-object alert for a registered loss, and a status-change alert for a recovery, with stable ids', async () => {
    // Arrange
    const { object, deps } = await setup();
    const recovered = { ...object, status: 'recovered' as const, version: 2, updatedAt: '2026-12-01T00:00:00.000Z' };

    // Act
    const registered = await alertsFor({ kind: 'object', after: object }, deps);
    const edited = await alertsFor({ kind: 'object', before: object, after: { ...object, version: 2, title: 'Άγιος Νικόλαος (εικόνα)' } }, deps);
    const changed = await alertsFor({ kind: 'object', before: object, after: recovered }, deps);
    const again = await alertsFor({ kind: 'object', before: object, after: recovered }, deps);

    // Assert
    expect(registered.map((alert) => alert.alertId)).toEqual([`new-object:${object.id}`]);
    expect(edited).toEqual([]);
    expect(changed[0]).toMatchObject({ event: 'status-change', statusChange: { from: 'stolen', to: 'recovered' }, object: { status: 'recovered', country: 'GR' } });
    expect(again).toEqual(changed);
  });

  it('raise a match alert only at or above the alert threshold, with the sighting and links, and no restricted field', async () => {
    // Arrange
    const { deps, match, object } = await setup();

    // Act
    const below = await alertsFor({ kind: 'match', match: match(alertThreshold - 0.01) }, deps);
    const [alert] = await alertsFor({ kind: 'match', match: match(0.82) }, deps);

    // Assert
    expect(below).toEqual([]);
    expect(Alert.parse(alert)).toMatchObject({
      event: 'match',
      object: { id: object.id, link: `${apiUrl}/v1/objects/${object.id}`, thumbnailUrl: `${apiUrl}/v1/objects/${object.id}/thumbnail` },
      match: { score: 0.82, sighting: { seenAt: { country: 'AL' } } },
    });
    const text = JSON.stringify(alert);
    expect(text).not.toContain(greekIcon.policeReference);
    expect(text).not.toContain('efa-kastorias@example.org');
  });
});

describe('alerts around the inventory and the Red Lists', () => {
  it('raise nothing for an inventoried object, and a new-object alert once it is lost', async () => {
    // Arrange
    const { object, deps } = await setup();
    const inventoried = { ...object, status: 'inventoried' as const };
    const stolen = { ...object, status: 'stolen' as const, version: 2, updatedAt: '2026-12-01T00:00:00.000Z' };

    // Act
    const registered = await alertsFor({ kind: 'object', after: inventoried }, deps);
    const lost = await alertsFor({ kind: 'object', before: inventoried, after: stolen }, deps);
    const putBack = await alertsFor({ kind: 'object', before: { ...object, status: 'returned' }, after: { ...inventoried, version: 3 } }, deps);

    // Assert
    expect(registered).toEqual([]);
    expect(lost).toMatchObject([{ event: 'new-object', alertId: `new-object:${object.id}:v2`, object: { status: 'stolen' } }]);
    expect(putBack).toEqual([]);
  });

  it('raise one category-match alert per Red List a sighting fits, with the reasons and no object', async () => {
    // Arrange
    const { deps } = await setup();
    const report = ReportSighting.parse({ channel: 'customs', text: 'clay tablet with cuneiform signs, 8 cm, from Iraq', seenAt: { date: '2026-11-28', country: 'BG' } });
    const sighting = {
      ...report,
      id: '00000000-0000-4000-8000-000000000002',
      status: 'pending' as const,
      reportedBy: caller('customs', 'customs-bg'),
      createdAt: '2026-11-28T09:00:00.000Z',
      updatedAt: '2026-11-28T09:00:00.000Z',
      attempts: 0,
      matchIds: [],
      redLists: [{ id: 'iraq-antiquities', title: 'Iraq', why: 'tablet (type), from Iraq (origin); cuneiform' }],
    };

    // Act
    const alerts = await alertsFor({ kind: 'sighting', sighting }, deps);
    const none = await alertsFor({ kind: 'sighting', sighting: { ...sighting, redLists: [] } }, deps);

    // Assert
    expect(alerts).toHaveLength(1);
    expect(Alert.parse(alerts[0])).toMatchObject({
      event: 'category-match',
      alertId: `category-match:${sighting.id}:iraq-antiquities`,
      category: { redList: { id: 'iraq-antiquities' }, sighting: { id: sighting.id, channel: 'customs', link: `${apiUrl}/v1/sightings/${sighting.id}` } },
    });
    expect(alerts[0]).not.toHaveProperty('object');
    expect(none).toEqual([]);
  });
});
