import { describe, expect, it } from 'vitest';
import { matchSightingCountingFailures, type MatchDeps } from '../../../functions/matching/match-sighting.ts';
import { matchObjectAgainstSightings } from '../../../functions/matching/match-object.ts';
import { loadRegistryIndex, type RegistryIndex } from '../../../functions/matching/registry-index.ts';
import { fingerprintPhoto } from '../../../functions/matching/photo/fingerprint.ts';
import type { StoredSighting } from '../../../functions/sightings/model.ts';
import { ReportSighting } from '../../../schemas/matching.ts';
import { greekIcon } from '../../fixtures/objects.ts';
import { memoryBlobs, memoryRegistry, memorySightings, steppingClock } from '../../support/in-memory-ports.ts';
import { caller } from '../../fixtures/objects.ts';
import { registerObject } from '../../../functions/objects/register.ts';

const report = ReportSighting.parse({
  channel: 'customs',
  text: 'Icon of Saint Nicholas with the inscription O AGIOS NIKOLAOS, inventory number ΚΑΣ 1187 on the back',
  lang: 'en',
  seenAt: { date: '2026-11-20', country: 'AL' },
});

function sightingOf(id: string, createdAt: string): StoredSighting {
  return { ...report, id, status: 'pending', reportedBy: caller('customs', 'customs-gr'), createdAt, updatedAt: createdAt, attempts: 0, matchIds: [] };
}

async function setup() {
  const registry = memoryRegistry();
  const object = await registerObject(greekIcon, caller('museum', 'kastoria'), registry);
  const sightings = memorySightings();
  const clock = steppingClock('2026-11-21T00:00:00.000Z');
  const deps: MatchDeps = { sightings, objects: registry.objects, blobs: memoryBlobs(), fingerprint: fingerprintPhoto, clock };
  const index = await loadRegistryIndex(
    {
      loadSnapshot: async () => undefined,
      async *changesSince() {
        yield { kind: 'object' as const, object };
      },
      localFeatures: async () => undefined,
    },
    clock,
  );
  return { object, sightings, deps, index };
}

describe('matching a sighting', () => {
  it('records a match with its reasons and marks the sighting matched', async () => {
    // Arrange
    const { object, sightings, deps, index } = await setup();
    await sightings.create(sightingOf('s-1', '2026-11-20T10:00:00.000Z'));
    // Act
    const matches = await matchSightingCountingFailures(sightingOf('s-1', '2026-11-20T10:00:00.000Z'), async () => index, deps, 3);
    // Assert
    expect(matches).toEqual([expect.objectContaining({ objectId: object.id, status: 'open', objectOrgId: 'kastoria', sightingCountry: 'AL' })]);
    expect((await sightings.get('s-1'))?.status).toBe('matched');
  });

  it('counts a failure, and marks the sighting failed with the reason on the last attempt', async () => {
    // Arrange
    const { sightings, deps } = await setup();
    await sightings.create(sightingOf('s-2', '2026-11-20T10:00:00.000Z'));
    const broken = async (): Promise<RegistryIndex> => {
      throw new Error('index snapshot unreadable');
    };
    // Act
    const attempts = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      attempts.push(await matchSightingCountingFailures(sightingOf('s-2', '2026-11-20T10:00:00.000Z'), broken, deps, 3).catch((error: Error) => error.message));
    }
    // Assert
    expect(attempts).toEqual(Array(3).fill('index snapshot unreadable'));
    expect(await sightings.get('s-2')).toMatchObject({ status: 'failed', attempts: 3, failure: 'matching failed 3 times: index snapshot unreadable' });
  });
});

describe('matching a new object against recent sightings', () => {
  it('matches a sighting from last month but leaves a rejected pair rejected', async () => {
    // Arrange
    const { object, sightings, deps } = await setup();
    await sightings.create(sightingOf('s-old', '2026-10-25T10:00:00.000Z'));
    // Act
    const first = await matchObjectAgainstSightings(object, undefined, deps);
    const [match] = first;
    await sightings.reviewMatch({ ...match!, status: 'rejected' });
    const second = await matchObjectAgainstSightings(object, undefined, deps);
    // Assert
    expect(first.map((m) => m.sightingId)).toEqual(['s-old']);
    expect(second).toEqual([]);
    expect((await sightings.getMatch(match!.id))?.status).toBe('rejected');
  });

  it('ignores sightings older than the look-back window', async () => {
    // Arrange
    const { object, sightings, deps } = await setup();
    await sightings.create(sightingOf('s-ancient', '2025-01-01T10:00:00.000Z'));
    // Act
    const found = await matchObjectAgainstSightings(object, undefined, deps);
    // Assert
    expect(found).toEqual([]);
  });
});
