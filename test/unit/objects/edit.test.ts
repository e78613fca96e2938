import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden, Invalid, NotFound } from '../../../functions/http/errors.ts';
import { changeStatus } from '../../../functions/objects/change-status.ts';
import { editObject } from '../../../functions/objects/edit.ts';
import { registerObject } from '../../../functions/objects/register.ts';
import { ChangeStatus, EditObject } from '../../../schemas/object-id.ts';
import { caller, greekIcon, mughalFolio } from '../../fixtures/objects.ts';
import { memoryRegistry } from '../../support/in-memory-ports.ts';

const owner = caller('museum', 'byzantine-museum', 'curator-1');

async function registered(input = greekIcon) {
  const deps = memoryRegistry();
  const object = await registerObject(input, owner, deps);
  return { deps, object };
}

describe('editObject', () => {
  it('replaces the fields in the patch and keeps the others', async () => {
    // Arrange
    const { deps, object } = await registered();
    const patch = EditObject.parse({ title: 'Άγιος Νικόλαος ο Θαυματουργός', incident: { country: 'GR', date: '2023-11-17' } });

    // Act
    const { object: edited } = await editObject(object.id, patch, 1, owner, deps);

    // Assert
    expect(edited).toEqual({ ...object, ...patch, version: 2, updatedAt: edited.updatedAt });
    expect(deps.objects.stored(object.id)).toEqual(edited);
  });

  it('removes an optional field set to null', async () => {
    // Arrange
    const { deps, object } = await registered();
    const patch = EditObject.parse({ contact: null, policeReference: null });

    // Act
    await editObject(object.id, patch, 1, owner, deps);

    // Assert
    const stored = deps.objects.stored(object.id);
    expect(stored).not.toHaveProperty('contact');
    expect(stored).not.toHaveProperty('policeReference');
    expect(stored?.description).toBe(greekIcon.description);
  });

  it('bumps the version by one and moves updatedAt but not createdAt', async () => {
    // Arrange
    const { deps, object } = await registered();
    const patch = EditObject.parse({ maker: 'Εργαστήριο Καστοριάς' });

    // Act
    const { object: edited } = await editObject(object.id, patch, 1, owner, deps);

    // Assert
    expect(edited.version).toBe(2);
    expect(edited.createdAt).toBe(object.createdAt);
    expect(edited.updatedAt > object.updatedAt).toBe(true);
  });

  it('records the names of the fields that changed, sorted, leaving out ones sent unchanged', async () => {
    // Arrange
    const { deps, object } = await registered();
    const patch = EditObject.parse({ title: greekIcon.title, subject: 'Ο Άγιος Νικόλαος ένθρονος', maker: 'Άγνωστος', culture: null });

    // Act
    await editObject(object.id, patch, 1, caller('museum', 'byzantine-museum', 'curator-2'), deps);

    // Assert
    const history = await deps.objects.history(object.id);
    expect(history.at(-1)).toEqual({
      version: 2,
      at: expect.any(String),
      by: { sub: 'curator-2', org: 'byzantine-museum' },
      change: 'edited',
      fields: ['culture', 'maker', 'subject'],
    });
  });

  it('makes no new version when nothing would change', async () => {
    // Arrange
    const { deps, object } = await registered(mughalFolio);
    const patch = EditObject.parse({ title: mughalFolio.title, subject: null });

    // Act
    const { object: result } = await editObject(object.id, patch, 1, owner, deps);

    // Assert
    expect(result.version).toBe(1);
    expect(deps.objects.stored(object.id)).toEqual(object);
    expect(await deps.objects.history(object.id)).toHaveLength(1);
  });

  it('rejects a stale If-Match version with 409 and leaves the object as it was', async () => {
    // Arrange
    const { deps, object } = await registered();
    await editObject(object.id, EditObject.parse({ maker: 'Άγνωστος' }), 1, owner, deps);
    const before = deps.objects.stored(object.id);

    // Act
    const result = editObject(object.id, EditObject.parse({ title: 'Άλλος τίτλος' }), 1, owner, deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(Conflict);
    await expect(result).rejects.toMatchObject({ statusCode: 409, fields: [{ path: 'If-Match', reason: 'is 1 but the current version is 2' }] });
    expect(deps.objects.stored(object.id)).toEqual(before);
    expect(await deps.objects.history(object.id)).toHaveLength(2);
  });

  it('answers 409 when another edit lands between reading and writing, keeping the other edit', async () => {
    // Arrange
    const { deps, object } = await registered();
    const read = deps.objects.get.bind(deps.objects);
    let interleaved = false;
    deps.objects.get = async (id) => {
      const found = await read(id);
      if (!interleaved) {
        interleaved = true;
        await editObject(id, EditObject.parse({ maker: 'Άγνωστος' }), 1, owner, deps);
      }
      return found;
    };

    // Act
    const result = editObject(object.id, EditObject.parse({ title: 'Άλλος τίτλος' }), 1, owner, deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(Conflict);
    expect(deps.objects.stored(object.id)).toMatchObject({ version: 2, maker: 'Άγνωστος', title: greekIcon.title });
  });

  it.each([
    ['another museum', caller('museum', 'benaki-museum')],
    ['the police', caller('police', 'hellenic-police')],
    ['a market caller', caller('market', 'auction-house')],
  ])('forbids %s to edit and leaves the object as it was', async (_who, editor) => {
    // Arrange
    const { deps, object } = await registered();

    // Act
    const result = editObject(object.id, EditObject.parse({ title: 'Άλλος τίτλος' }), 1, editor, deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(Forbidden);
    expect(deps.objects.stored(object.id)).toEqual(object);
  });

  it('lets an admin edit an object of any organisation', async () => {
    // Arrange
    const { deps, object } = await registered();

    // Act
    const { object: edited } = await editObject(object.id, EditObject.parse({ title: 'Άλλος τίτλος' }), 1, caller('admin', 'registry-operators'), deps);

    // Assert
    expect(edited).toMatchObject({ title: 'Άλλος τίτλος', version: 2, orgId: 'byzantine-museum' });
  });

  it('answers NotFound for an id that was never registered', async () => {
    // Arrange
    const { deps } = await registered();

    // Act
    const result = editObject('6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b', EditObject.parse({ title: 'Άλλος τίτλος' }), 1, owner, deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(NotFound);
  });

  it('rejects a patch that would leave an invalid record, naming the field', async () => {
    // Arrange
    const { deps, object } = await registered();
    // Deliberately not parsed: this is the merged-record check behind EditObject, the last line of defence.
    const patch = { measurements: { height: 40 } } as EditObject;

    // Act
    const result = editObject(object.id, patch, 1, owner, deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(Invalid);
    await expect(result).rejects.toMatchObject({ fields: [{ path: 'measurements.unit', reason: 'is required when a length is given (cm, mm or in)' }] });
    expect(deps.objects.stored(object.id)).toEqual(object);
  });

  it('edits an object that has been recovered', async () => {
    // Arrange
    const { deps, object } = await registered();
    await changeStatus(object.id, ChangeStatus.parse({ status: 'recovered' }), 1, owner, deps);
    const patch = EditObject.parse({ distinguishingFeatures: 'Νέα ρωγμή στο κάτω μέρος μετά την ανάκτηση.' });

    // Act
    const { object: edited } = await editObject(object.id, patch, 2, owner, deps);

    // Assert
    expect(edited).toMatchObject({ status: 'recovered', version: 3, distinguishingFeatures: patch.distinguishingFeatures });
  });
});
