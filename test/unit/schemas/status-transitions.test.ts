// The transition table is data that the API enforces as it stands: it must be whole and lead somewhere from everywhere.
import { describe, expect, it } from 'vitest';
import { ObjectStatus } from '../../../schemas/object-id.ts';
import { searchableStatuses, statusTransitions } from '../../../schemas/status-transitions.ts';

describe('status transitions', () => {
  it('name only known statuses and never a move to the same status', () => {
    // Act
    const wrong = Object.entries(statusTransitions).flatMap(([from, to]) => to.filter((status) => status === from || !ObjectStatus.safeParse(status).success));

    // Assert
    expect(Object.keys(statusTransitions).sort()).toEqual([...ObjectStatus.options].sort());
    expect(wrong).toEqual([]);
  });

  it('reach every status from an inventoried record', () => {
    // Arrange
    const reached = new Set(['inventoried']);

    // Act
    for (let grew = true; grew; ) {
      const before = reached.size;
      for (const from of [...reached]) for (const to of statusTransitions[from as ObjectStatus]) reached.add(to);
      grew = reached.size > before;
    }

    // Assert
    expect([...reached].sort()).toEqual([...ObjectStatus.options].sort());
  });

  it('keep inventoried, recovered and returned objects out of searches', () => {
    // Assert
    expect(['inventoried', 'recovered', 'returned'].filter((status) => searchableStatuses.has(status as ObjectStatus))).toEqual([]);
  });
});
