import { describe, expect, it } from 'vitest';
import { loadRegistryIndex, type IndexChange, type IndexSnapshot, type IndexStore } from '../../../functions/matching/registry-index.ts';
import type { StoredObject } from '../../../functions/objects/model.ts';
import { fingerprintPhoto } from '../../../functions/matching/photo/fingerprint.ts';
import { encodeIndexSnapshot } from '../../../functions/matching/snapshot-file.ts';
import { fieldPhoto, registeredPhoto, syntheticObjects } from '../../fixtures/photo-corpus.ts';
import { greekIcon, italianPainting } from '../../fixtures/objects.ts';
import { steppingClock } from '../../support/in-memory-ports.ts';

const stored = (record: typeof greekIcon, id: string, updatedAt: string, status = record.status as StoredObject['status']): StoredObject => ({
  ...record,
  status,
  id,
  version: 1,
  orgId: 'museum',
  createdBy: 'registrar',
  createdAt: updatedAt,
  updatedAt,
});

function storeOf(changes: IndexChange[], snapshot?: IndexSnapshot | Uint8Array): IndexStore {
  const fingerprints = new Map(changes.flatMap((change) => (change.kind === 'photo' ? [[`${change.objectId}/${change.imageId}`, change.fingerprint] as const] : [])));
  return {
    loadSnapshot: async () => (snapshot === undefined || snapshot instanceof Uint8Array ? snapshot : encodeIndexSnapshot(snapshot)),
    async *changesSince(at) {
      for (const change of changes) {
        const changedAt = change.kind === 'object' ? change.object.updatedAt : change.at;
        if (!at || changedAt >= at) yield change;
      }
    },
    localFeatures: async (objectId, imageId) => fingerprints.get(`${objectId}/${imageId}`),
  };
}

const iconId = '11111111-1111-4111-8111-111111111111';
const paintingId = '22222222-2222-4222-8222-222222222222';
const query = { text: { text: 'Icon of Saint Nicholas, O AGIOS NIKOLAOS, inventory ΚΑΣ 1187', lang: 'en' } };

describe('the registry index', () => {
  it('finds sought objects from the changes in the table', async () => {
    // Arrange
    const store = storeOf([
      { kind: 'object', object: stored(greekIcon, iconId, '2025-01-01T00:00:00.000Z') },
      { kind: 'object', object: stored(italianPainting, paintingId, '2025-01-02T00:00:00.000Z') },
    ]);
    // Act
    const index = await loadRegistryIndex(store, steppingClock());
    const [best] = await index.search(query, 5);
    // Assert
    expect(index.size).toBe(2);
    expect(best?.objectId).toBe(iconId);
  });

  it('rebuilds from the table when its snapshot was written by another version', async () => {
    // Arrange
    const changes: IndexChange[] = [{ kind: 'object', object: stored(greekIcon, iconId, '2025-01-01T00:00:00.000Z') }];
    const written = (await loadRegistryIndex(storeOf(changes), steppingClock())).snapshot();
    const older = { ...written, text: '{"format":"text-index/2","count":0,"keys":0}\n' };
    const warnings: string[] = [];

    // Act
    const index = await loadRegistryIndex(storeOf(changes, older), steppingClock(), (message) => warnings.push(message));
    const [best] = await index.search(query, 5);

    // Assert
    expect(best?.objectId).toBe(iconId);
    expect(warnings).toEqual(['index snapshot unreadable: rebuilding the index from the table']);
  });

  it.each([
    ['cut short', (bytes: Uint8Array) => bytes.subarray(0, bytes.length - 10)],
    ['damaged', (bytes: Uint8Array) => bytes.map((byte, at) => (at === bytes.length >> 1 ? byte ^ 0xff : byte))],
  ])('rebuilds from the table when its snapshot is %s', async (_, spoil) => {
    // Arrange
    const changes: IndexChange[] = [{ kind: 'object', object: stored(greekIcon, iconId, '2025-01-01T00:00:00.000Z') }];
    const written = encodeIndexSnapshot((await loadRegistryIndex(storeOf(changes), steppingClock())).snapshot());
    const warnings: string[] = [];

    // Act
    const index = await loadRegistryIndex(storeOf(changes, spoil(written)), steppingClock(), (message) => warnings.push(message));
    const [best] = await index.search(query, 5);

    // Assert
    expect(best?.objectId).toBe(iconId);
    expect(warnings).toEqual(['index snapshot unreadable: rebuilding the index from the table']);
  });

  it('stops finding an object once it is recovered', async () => {
    // Arrange
    const index = await loadRegistryIndex(storeOf([{ kind: 'object', object: stored(greekIcon, iconId, '2025-01-01T00:00:00.000Z') }]), steppingClock());
    // Act
    index.apply({ kind: 'object', object: stored(greekIcon, iconId, '2025-02-01T00:00:00.000Z', 'recovered') });
    const found = await index.search(query, 5);
    // Assert
    expect(found).toEqual([]);
  });

  it('answers the same from its snapshot as from the table, and reads only the changes after it', async () => {
    // Arrange
    const [subject] = syntheticObjects(1, 99, 0, 'snapshot');
    const fingerprint = await fingerprintPhoto(await registeredPhoto(subject!));
    const changes: IndexChange[] = [
      { kind: 'object', object: stored(greekIcon, iconId, '2025-01-01T00:00:00.000Z') },
      { kind: 'photo', objectId: iconId, imageId: 'img-1', fingerprint, at: '2025-01-01T00:01:00.000Z' },
    ];
    const fromTable = await loadRegistryIndex(storeOf(changes), steppingClock());
    const photoQuery = { photos: [await fingerprintPhoto(await fieldPhoto(subject!, 'crop', 5), { query: true })] };
    // Act
    const fromSnapshot = await loadRegistryIndex(storeOf(changes, fromTable.snapshot()), steppingClock());
    // Assert
    expect(await fromSnapshot.search(query, 3)).toEqual(await fromTable.search(query, 3));
    const [viaPhoto] = await fromSnapshot.search(photoQuery, 3);
    expect(viaPhoto?.objectId).toBe(iconId);
    expect(viaPhoto?.reasons.some((reason) => reason.field === 'photo')).toBe(true);
  });
});
