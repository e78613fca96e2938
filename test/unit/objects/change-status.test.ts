import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden, NotFound } from '../../../functions/http/errors.ts';
import { changeStatus } from '../../../functions/objects/change-status.ts';
import { registerObject } from '../../../functions/objects/register.ts';
import { ChangeStatus } from '../../../schemas/object-id.ts';
import { caller, italianPainting } from '../../fixtures/objects.ts';
import { memoryRegistry } from '../../support/in-memory-ports.ts';

const owner = caller('museum', 'pinacoteca-bologna', 'registrar-1');

async function registered() {
  const deps = memoryRegistry();
  const object = await registerObject(italianPainting, owner, deps);
  return { deps, object };
}

describe('changeStatus', () => {
  it('moves a stolen object to recovered and records from, to and the note in its history', async () => {
    // Arrange
    const { deps, object } = await registered();
    const change = ChangeStatus.parse({ status: 'recovered', note: 'Sequestrato dai Carabinieri TPC a Milano, 2024-05-02' });

    // Act
    const { object: changed } = await changeStatus(object.id, change, 1, owner, deps);

    // Assert
    expect(changed).toMatchObject({ status: 'recovered', version: 2 });
    expect(deps.objects.stored(object.id)).toEqual(changed);
    expect((await deps.objects.history(object.id)).at(-1)).toEqual({
      version: 2,
      at: changed.updatedAt,
      by: { sub: 'registrar-1', org: 'pinacoteca-bologna' },
      change: 'status-changed',
      from: 'stolen',
      to: 'recovered',
      note: 'Sequestrato dai Carabinieri TPC a Milano, 2024-05-02',
    });
  });

  it('records no note when none was given', async () => {
    // Arrange
    const { deps, object } = await registered();

    // Act
    await changeStatus(object.id, ChangeStatus.parse({ status: 'missing' }), 1, owner, deps);

    // Assert
    expect((await deps.objects.history(object.id)).at(-1)).not.toHaveProperty('note');
  });

  it('changes the status without If-Match, at the current version', async () => {
    // Arrange
    const { deps, object } = await registered();

    // Act
    const { object: changed } = await changeStatus(object.id, ChangeStatus.parse({ status: 'recovered' }), undefined, owner, deps);

    // Assert
    expect(changed).toMatchObject({ status: 'recovered', version: 2 });
  });

  it('answers 409 for the status the object already has, and records nothing', async () => {
    // Arrange
    const { deps, object } = await registered();

    // Act
    const result = changeStatus(object.id, ChangeStatus.parse({ status: 'stolen' }), 1, owner, deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(Conflict);
    await expect(result).rejects.toMatchObject({ statusCode: 409, fields: [{ path: 'status', reason: 'is already stolen; allowed: missing, looted, found-unresolved, disputed, recovered, returned' }] });
    expect(deps.objects.stored(object.id)).toEqual(object);
    expect(await deps.objects.history(object.id)).toHaveLength(1);
  });

  it('answers 409 for a stale If-Match version', async () => {
    // Arrange
    const { deps, object } = await registered();
    await changeStatus(object.id, ChangeStatus.parse({ status: 'recovered' }), 1, owner, deps);

    // Act
    const result = changeStatus(object.id, ChangeStatus.parse({ status: 'returned' }), 1, owner, deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(Conflict);
    expect(deps.objects.stored(object.id)).toMatchObject({ status: 'recovered', version: 2 });
  });

  it.each([
    ['another museum', caller('museum', 'uffizi')],
    ['customs', caller('customs', 'agenzia-dogane')],
  ])('forbids %s to change the status', async (_who, changer) => {
    // Arrange
    const { deps, object } = await registered();

    // Act
    const result = changeStatus(object.id, ChangeStatus.parse({ status: 'recovered' }), 1, changer, deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(Forbidden);
    expect(deps.objects.stored(object.id)).toEqual(object);
  });

  it('answers NotFound for an id that was never registered', async () => {
    // Arrange
    const { deps } = await registered();

    // Act
    const result = changeStatus('6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b', ChangeStatus.parse({ status: 'recovered' }), 1, owner, deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(NotFound);
  });
});
