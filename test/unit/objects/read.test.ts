import { describe, expect, it } from 'vitest';
import { NotFound } from '../../../functions/http/errors.ts';
import type { ImageRecord } from '../../../functions/objects/model.ts';
import { changeStatus } from '../../../functions/objects/change-status.ts';
import { editObject } from '../../../functions/objects/edit.ts';
import { listObjects, objectHistory, readObject } from '../../../functions/objects/read.ts';
import { registerObject } from '../../../functions/objects/register.ts';
import type { Caller } from '../../../schemas/identity.ts';
import { ChangeStatus, EditObject, type RegisterObject } from '../../../schemas/object-id.ts';
import { ListObjectsQuery } from '../../../schemas/object.ts';
import { caller, greekIcon, italianPainting, malianTerracotta, mughalFolio } from '../../fixtures/objects.ts';
import { memoryRegistry } from '../../support/in-memory-ports.ts';

const owner = caller('museum', 'byzantine-museum', 'curator-1');

async function registered(input: RegisterObject = greekIcon, by: Caller = owner) {
  const deps = memoryRegistry();
  const object = await registerObject(input, by, deps);
  return { deps, object };
}

describe('readObject', () => {
  it.each([
    ['a market caller', caller('market', 'auction-house')],
    ['a public caller', caller('public', 'public')],
    ['another museum', caller('museum', 'benaki-museum')],
  ])('hides the police reference and contact from %s', async (_who, reader) => {
    // Arrange
    const { deps, object } = await registered({ ...greekIcon, visibility: 'public' });

    // Act
    const view = await readObject(object.id, reader, deps);

    // Assert
    expect(view).not.toHaveProperty('policeReference');
    expect(view).not.toHaveProperty('contact');
    expect(view).toMatchObject({ id: object.id, description: greekIcon.description, incident: greekIcon.incident });
  });

  it.each([
    ['the police', caller('police', 'hellenic-police')],
    ['customs', caller('customs', 'hellenic-customs')],
    ['an admin', caller('admin', 'registry-operators')],
    ['the museum that registered it', caller('museum', 'byzantine-museum', 'curator-2')],
  ])('shows the police reference and contact to %s', async (_who, reader) => {
    // Arrange
    const { deps, object } = await registered();

    // Act
    const view = await readObject(object.id, reader, deps);

    // Assert
    expect(view).toMatchObject({ policeReference: greekIcon.policeReference, contact: greekIcon.contact });
  });

  it('does not show who in the museum registered the object', async () => {
    // Arrange
    const { deps, object } = await registered();

    // Act
    const view = await readObject(object.id, owner, deps);

    // Assert
    expect(view).not.toHaveProperty('createdBy');
  });

  it('answers NotFound for an id that was never registered', async () => {
    // Arrange
    const { deps } = await registered();

    // Act
    const result = readObject('6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b', owner, deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(NotFound);
  });

  it('signs links for ready images only and lists images oldest first', async () => {
    // Arrange
    const { deps, object } = await registered({ ...greekIcon, visibility: 'public' });
    const image = (id: string, createdAt: string, status: ImageRecord['status']): ImageRecord => ({
      objectId: object.id,
      id,
      status,
      contentType: 'image/jpeg',
      uploadKey: `uploads/${object.id}/${id}`,
      createdAt,
      updatedAt: createdAt,
      ...(status === 'ready' ? { normalisedKey: `images/${object.id}/${id}.jpg`, thumbnailKey: `thumbs/${object.id}/${id}.jpg`, width: 1600, height: 2000 } : {}),
      ...(status === 'rejected' ? { reason: 'is not an image' } : {}),
    });
    const pendingId = '00000000-0000-4000-8000-0000000000a3';
    const readyId = '00000000-0000-4000-8000-0000000000a1';
    const rejectedId = '00000000-0000-4000-8000-0000000000a2';
    deps.objects.addImage(image(pendingId, '2025-03-14T11:00:00.000Z', 'pending'));
    deps.objects.addImage(image(readyId, '2025-03-14T10:00:00.000Z', 'ready'));
    deps.objects.addImage(image(rejectedId, '2025-03-14T10:30:00.000Z', 'rejected'));

    // Act
    const view = await readObject(object.id, caller('public', 'public'), deps);

    // Assert
    expect(view.images).toEqual([
      {
        id: readyId,
        status: 'ready',
        createdAt: '2025-03-14T10:00:00.000Z',
        width: 1600,
        height: 2000,
        url: `https://blobs.example.test/registry-images/images/${object.id}/${readyId}.jpg?expires=900`,
        thumbnailUrl: `https://blobs.example.test/registry-images/thumbs/${object.id}/${readyId}.jpg?expires=900`,
      },
      { id: rejectedId, status: 'rejected', reason: 'is not an image', createdAt: '2025-03-14T10:30:00.000Z' },
      { id: pendingId, status: 'pending', createdAt: '2025-03-14T11:00:00.000Z' },
    ]);
  });
});

describe('an abandoned upload', () => {
  it('shows as rejected once its upload link has expired without a file', async () => {
    // Arrange
    const deps = memoryRegistry();
    const object = await registerObject(greekIcon, owner, deps);
    const abandonedId = '00000000-0000-4000-8000-0000000000b1';
    deps.objects.addImage({
      objectId: object.id,
      id: abandonedId,
      status: 'pending',
      contentType: 'image/jpeg',
      uploadKey: `uploads/${object.id}/${abandonedId}`,
      createdAt: '2025-03-13T09:00:00.000Z',
      updatedAt: '2025-03-13T09:00:00.000Z',
    });

    // Act
    const view = await readObject(object.id, owner, deps);

    // Assert
    expect(view.images).toEqual([
      { id: abandonedId, status: 'rejected', reason: 'no file arrived before the upload link expired', createdAt: '2025-03-13T09:00:00.000Z' },
    ]);
  });
});

describe('listObjects', () => {
  async function fourObjects() {
    const deps = memoryRegistry();
    for (const input of [greekIcon, italianPainting, malianTerracotta, mughalFolio]) await registerObject({ ...input, visibility: 'public' }, owner, deps);
    return deps;
  }

  it('passes the country filter through', async () => {
    // Arrange
    const deps = await fourObjects();

    // Act
    const page = await listObjects(ListObjectsQuery.parse({ country: 'ML' }), owner, deps);

    // Assert
    expect(page.items.map((item) => item.title)).toEqual([malianTerracotta.title]);
  });

  it('passes the status and object type filters through', async () => {
    // Arrange
    const deps = await fourObjects();

    // Act
    const page = await listObjects(ListObjectsQuery.parse({ status: 'stolen', objectType: 'dipinto' }), owner, deps);

    // Assert
    expect(page.items.map((item) => item.title)).toEqual([italianPainting.title]);
  });

  it('returns a cursor while there are more objects and continues from it', async () => {
    // Arrange
    const deps = await fourObjects();

    // Act
    const first = await listObjects(ListObjectsQuery.parse({ limit: '3' }), owner, deps);
    const second = await listObjects(ListObjectsQuery.parse({ limit: '3', cursor: first.cursor }), owner, deps);

    // Assert
    expect(first.items.map((item) => item.title)).toEqual([mughalFolio.title, malianTerracotta.title, italianPainting.title]);
    expect(first.cursor).toEqual(expect.any(String));
    expect(second.items.map((item) => item.title)).toEqual([greekIcon.title]);
    expect(second).not.toHaveProperty('cursor');
  });

  it('hides restricted fields in a listing for a public caller', async () => {
    // Arrange
    const deps = await fourObjects();

    // Act
    const page = await listObjects(ListObjectsQuery.parse({}), caller('public', 'public'), deps);

    // Assert
    expect(page.items).toHaveLength(4);
    for (const item of page.items) {
      expect(item).not.toHaveProperty('policeReference');
      expect(item).not.toHaveProperty('contact');
      expect(item).not.toHaveProperty('createdBy');
    }
  });

  it('shows restricted fields in a listing to the police', async () => {
    // Arrange
    const deps = await fourObjects();

    // Act
    const page = await listObjects(ListObjectsQuery.parse({ country: 'GR' }), caller('police', 'hellenic-police'), deps);

    // Assert
    expect(page.items).toEqual([expect.objectContaining({ policeReference: greekIcon.policeReference, contact: greekIcon.contact })]);
  });
});

describe('objectHistory', () => {
  it('returns every change, oldest first', async () => {
    // Arrange
    const { deps, object } = await registered();
    await editObject(object.id, EditObject.parse({ maker: 'Άγνωστος' }), 1, owner, deps);
    await changeStatus(object.id, ChangeStatus.parse({ status: 'recovered' }), 2, owner, deps);

    // Act
    const history = await objectHistory(object.id, owner, deps);

    // Assert
    expect(history.items.map(({ version, change }) => ({ version, change }))).toEqual([
      { version: 1, change: 'registered' },
      { version: 2, change: 'edited' },
      { version: 3, change: 'status-changed' },
    ]);
    expect(history.items.map((entry) => entry.at)).toEqual([...history.items.map((entry) => entry.at)].sort());
  });

  it('shows who changed what and the notes to the owner, but only the organisation to the market', async () => {
    // Arrange
    const { deps, object } = await registered();
    await changeStatus(object.id, ChangeStatus.parse({ status: 'recovered', note: 'Seized in a raid, case 2024/88' }), 1, owner, deps);
    const market = caller('market', 'auction-watch');

    // Act
    const forOwner = await objectHistory(object.id, owner, deps);
    const forMarket = await objectHistory(object.id, market, deps);

    // Assert
    expect(forOwner.items[1]).toMatchObject({ by: { sub: owner.sub, org: owner.org }, note: 'Seized in a raid, case 2024/88' });
    expect(forMarket.items[1]).toEqual({ version: 2, at: forOwner.items[1]?.at, by: { org: owner.org }, change: 'status-changed', from: 'stolen', to: 'recovered' });
  });

  it('answers NotFound for an id that was never registered', async () => {
    // Arrange
    const { deps } = await registered();

    // Act
    const result = objectHistory('6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b', owner, deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(NotFound);
  });
});
