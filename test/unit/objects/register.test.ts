import { describe, expect, it } from 'vitest';
import { registerObject } from '../../../functions/objects/register.ts';
import { caller, greekIcon, malianTerracotta } from '../../fixtures/objects.ts';
import { memoryRegistry } from '../../support/in-memory-ports.ts';

const museum = caller('museum', 'byzantine-museum', 'curator-1');

describe('registerObject', () => {
  it('registers the object for the museum that calls, at version 1', async () => {
    // Arrange
    const deps = memoryRegistry();

    // Act
    const object = await registerObject(greekIcon, museum, deps);

    // Assert
    expect(object).toEqual({
      ...greekIcon,
      id: '00000000-0000-4000-8000-000000000001',
      version: 1,
      orgId: 'byzantine-museum',
      createdBy: 'curator-1',
      createdAt: '2025-03-14T09:00:00.000Z',
      updatedAt: '2025-03-14T09:00:00.000Z',
    });
    expect(deps.objects.stored(object.id)).toEqual(object);
  });

  it('starts the history with a "registered" entry naming the caller and the status', async () => {
    // Arrange
    const deps = memoryRegistry();

    // Act
    const object = await registerObject(malianTerracotta, museum, deps);

    // Assert
    expect(await deps.objects.history(object.id)).toEqual([
      { version: 1, at: '2025-03-14T09:00:00.000Z', by: { sub: 'curator-1', org: 'byzantine-museum' }, change: 'registered', to: 'looted' },
    ]);
  });

  it('gives each registration its own id', async () => {
    // Arrange
    const deps = memoryRegistry();

    // Act
    const first = await registerObject(greekIcon, museum, deps);
    const second = await registerObject(greekIcon, museum, deps);

    // Assert
    expect(first.id).not.toBe(second.id);
  });

  it('lets an admin register an object for the admin organisation', async () => {
    // Arrange
    const deps = memoryRegistry();

    // Act
    const object = await registerObject(greekIcon, caller('admin', 'registry-operators'), deps);

    // Assert
    expect(object).toMatchObject({ orgId: 'registry-operators', version: 1 });
  });
});
